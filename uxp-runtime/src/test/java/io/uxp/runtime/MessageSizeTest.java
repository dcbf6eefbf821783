package io.uxp.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.uxp.api.Connection;
import io.uxp.api.MessageTooLargeException;
import io.uxp.api.SendResult;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The largest message follows from the MTU and the negotiated overheads. Worked by hand from the specs, with
 * MTU 1,400: record header 17 (PROTOCOL.md section 9), AEAD tag 16 (CIPHERS.md, both ciphers), DATA frame
 * header 3 (PROTOCOL.md section 10), FEC shard header 8 when Reed-Solomon is on (FEC.md section 2), KCP
 * header 24 (reference ikcp.c IKCP_OVERHEAD): mss = 1400 - 17 - 16 - 3 - 24 = 1,340 without FEC, 1,332
 * with; a message holds at most min(receive window, 255) fragments (kcp-go's limit).
 */
class MessageSizeTest {

    @ParameterizedTest(name = "{0} / {1} / window {2}")
    @CsvSource({
        "chacha20-poly1305, none, 1024, 341700",
        "chacha20-poly1305, reed-solomon, 1024, 339660",
        "xsalsa20-poly1305, none, 64, 85760"
    })
    void sendRefusesAMessageOneByteOverTheMaximumAndSaysTheMaximum(String cipher, String fec, int window,
            int expectedMax) throws Exception {
        FecOffer offer = fec.equals("none") ? FecOffer.NONE : FecOffer.of(fec, 10, 3);
        ProviderPreferences prefs = new ProviderPreferences(List.of(cipher), List.of(offer), List.of("kcp"));
        ConnectionSettings settings = ConnectionSettings.defaults().withWindows(window, window);
        Fixtures.Accepting accepting = new Fixtures.Accepting(Recorder::new);
        try (UxpServer server = Fixtures.server(accepting).preferences(prefs).settings(settings).start();
             UxpClient client = Fixtures.client().preferences(prefs).settings(settings).build()) {
            Connection c = Fixtures.connect(client, server.localAddress(), new Recorder());
            assertThat(c.maxMessageBytes()).isEqualTo(expectedMax);
            assertThatThrownBy(() -> c.send(ByteBuffer.allocate(expectedMax + 1)))
                    .isInstanceOf(MessageTooLargeException.class)
                    .hasMessageContaining(String.valueOf(expectedMax))
                    .satisfies(e -> assertThat(((MessageTooLargeException) e).maxBytes()).isEqualTo(expectedMax));
            ByteBuffer largest = ByteBuffer.allocate(expectedMax);
            assertThat(c.send(largest)).isEqualTo(SendResult.ACCEPTED);
            assertThat(largest.hasRemaining()).isFalse();
            await().atMost(Duration.ofSeconds(10)).until(() -> !accepting.created.isEmpty()
                    && accepting.recorder(0).bytes.get() == expectedMax);
            assertThat(accepting.recorder(0).messages.get()).isEqualTo(1);
        }
    }
}
