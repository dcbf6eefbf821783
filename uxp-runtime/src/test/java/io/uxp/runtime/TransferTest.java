package io.uxp.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.uxp.api.Connection;
import io.uxp.api.DeliveryMode;
import io.uxp.api.NegotiatedSuite;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Handshake and transfer over real loopback UDP with each cipher, with and without FEC, in both delivery modes. */
class TransferTest {

    @ParameterizedTest(name = "{0} / {1} / {2}")
    @CsvSource({
        "chacha20-poly1305, none, MESSAGE",
        "chacha20-poly1305, reed-solomon, MESSAGE",
        "xsalsa20-poly1305, none, MESSAGE",
        "xsalsa20-poly1305, reed-solomon, STREAM",
        "chacha20-poly1305, none, STREAM"
    })
    void everyByteArrivesInOrderUnderTheNegotiatedSuite(String cipher, String fec, DeliveryMode mode) throws Exception {
        FecOffer offer = fec.equals("none") ? FecOffer.NONE : FecOffer.of(fec, 10, 3);
        ProviderPreferences prefs = new ProviderPreferences(List.of(cipher), List.of(offer), List.of("kcp"));
        ConnectionSettings settings = ConnectionSettings.defaults().withDeliveryMode(mode);
        Fixtures.Accepting accepting = new Fixtures.Accepting(Recorder::new);
        byte[] data = new byte[2 << 20];
        new SplittableRandom(42).nextBytes(data);
        try (UxpServer server = Fixtures.server(accepting).preferences(prefs).settings(settings).start();
             UxpClient client = Fixtures.client().preferences(prefs).settings(settings).build()) {
            Recorder clientSide = new Recorder();
            Connection c = Fixtures.connect(client, server.localAddress(), clientSide);
            assertThat(c.suite()).isEqualTo(new NegotiatedSuite(cipher, fec,
                    offer.params(), "kcp"));
            Fixtures.sendAll(c, clientSide, data, 20_000);
            Connection serverSide = accepting.first.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> accepting.recorder(0).bytes.get() == data.length);
            Recorder r = accepting.recorder(0);
            assertThat(r.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
            if (mode == DeliveryMode.MESSAGE) {
                assertThat(r.messages.get()).isEqualTo((data.length + 19_999) / 20_000);
            }
            assertThat(r.ready.get()).isEqualTo(1);
            assertThat(r.overlaps.get()).isZero();
            assertThat(r.threadChanges.get()).isZero();
            assertThat(serverSide.stats().bytesIn()).isGreaterThan(data.length);
            assertThat(serverSide.suite()).isEqualTo(c.suite());
        }
    }
}
