package io.uxp.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.uxp.api.Connection;
import io.uxp.api.ConnectionStats;
import io.uxp.api.DropReason;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A server answers every copy of a ClientHello it holds a pending handshake for, so a client whose hello was
 * retransmitted (its answer took longer than 250 ms, say because a cipher provider is slow to initialise) or
 * duplicated on the path receives a second ServerHello after it is established. That is a late answer, not a
 * malformed record: it used to show up as an unexplained {@code drops {MALFORMED=1}} on the client.
 */
class LateHandshakeAnswerTest {

    @Test
    void aSecondServerHelloAfterTheHandshakeIsIgnoredNotCountedMalformed() throws Exception {
        Fixtures.Accepting accepting = new Fixtures.Accepting(BrokenProviderTest.Echo::new);
        // xsalsa20-poly1305: a cipher with a prefix, as the third-party one where the count was seen
        ProviderPreferences salsa = new ProviderPreferences(List.of("xsalsa20-poly1305"), List.of(FecOffer.NONE),
                List.of("kcp"));
        try (UxpServer server = Fixtures.server(accepting).preferences(salsa).start();
             UdpRelay relay = new UdpRelay(server.localAddress());
             UxpClient client = Fixtures.client().preferences(salsa).build()) {
            UdpRelay.Copier duplicates = relay.duplicateToClient(1);
            Recorder r = new Recorder();
            Connection c = Fixtures.connect(client, relay.address(), r);
            c.send(ByteBuffer.allocate(1_000));
            await().atMost(Duration.ofSeconds(5)).until(() -> r.bytes.get() == 1_000);

            assertThat(duplicates.sent.get()).as("the ServerHello reached the client twice").isEqualTo(1);
            ConnectionStats stats = c.stats();
            assertThat(stats.drops()).doesNotContainKey(DropReason.MALFORMED);
            assertThat(stats.drops()).isEmpty();
            assertThat(c.isOpen()).isTrue();
        }
    }
}
