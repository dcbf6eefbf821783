package io.uxp.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.uxp.api.Connection;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Over a relay that loses 10 % of datagrams each way, Reed-Solomon rebuilds packets and every byte arrives. */
class LossyLinkTest {

    @Test
    void forwardErrorCorrectionRebuildsLostPacketsAndTheStreamStaysIntact() throws Exception {
        ProviderPreferences prefs = new ProviderPreferences(List.of("chacha20-poly1305"),
                List.of(FecOffer.of("reed-solomon", 10, 3)), List.of("kcp"));
        Fixtures.Accepting accepting = new Fixtures.Accepting(Recorder::new);
        byte[] data = new byte[1 << 20];
        new SplittableRandom(21).nextBytes(data);
        try (UxpServer server = Fixtures.server(accepting).preferences(prefs).start();
             UdpRelay relay = new UdpRelay(server.localAddress());
             UxpClient client = Fixtures.client().preferences(prefs).build()) {
            Recorder clientSide = new Recorder();
            Connection c = Fixtures.connect(client, relay.address(), clientSide);
            relay.lossRate = 0.10;
            Fixtures.sendAll(c, clientSide, data, 8_192);
            await().atMost(Duration.ofSeconds(60)).until(() -> accepting.recorder(0).bytes.get() == data.length);
            assertThat(accepting.recorder(0).digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
            Connection atServer = accepting.first.get();
            assertThat(atServer.stats().fecRecovered()).isPositive();
            assertThat(atServer.isOpen()).isTrue();
        }
    }
}
