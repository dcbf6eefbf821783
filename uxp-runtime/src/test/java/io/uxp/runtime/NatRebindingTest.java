package io.uxp.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.uxp.api.Connection;
import io.uxp.api.SendResult;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A client whose source port changes mid-transfer (a NAT rebinding) keeps its connection: the server validates
 * the new address (a PATH_CHALLENGE there, answered from there) and moves to it.
 */
class NatRebindingTest {

    @Test
    void theServerFollowsTheClientToItsNewPortAfterValidatingItWithoutANewHandshake() throws Exception {
        Fixtures.Accepting accepting = new Fixtures.Accepting(Recorder::new);
        byte[] data = new byte[4 << 20];
        new SplittableRandom(7).nextBytes(data);
        try (UxpServer server = Fixtures.server(accepting).start();
             UdpRelay relay = new UdpRelay(server.localAddress());
             UxpClient client = Fixtures.client().build()) {
            Recorder clientSide = new Recorder();
            Connection c = Fixtures.connect(client, relay.address(), clientSide);
            Connection atServer = accepting.first.get();
            InetSocketAddress before = relay.upstreamAddress();
            assertThat(atServer.remoteAddress()).isEqualTo(before);
            int half = data.length / 2;
            Fixtures.sendAll(c, clientSide, java.util.Arrays.copyOf(data, half), 16_384);
            await().atMost(Duration.ofSeconds(20)).until(() -> accepting.recorder(0).bytes.get() >= half / 2);
            relay.switchUpstream();
            await().atMost(Duration.ofSeconds(5)).until(() -> relay.switches.get() == 1);
            InetSocketAddress after = relay.upstreamAddress();
            assertThat(after).isNotEqualTo(before);
            for (int off = half; off < data.length; ) {
                int n = Math.min(16_384, data.length - off);
                if (c.send(ByteBuffer.wrap(data, off, n)) == SendResult.ACCEPTED) {
                    off += n;
                } else {
                    await().atMost(Duration.ofSeconds(20)).until(c::isWritable);
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> accepting.recorder(0).bytes.get() == data.length);
            assertThat(accepting.recorder(0).digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
            assertThat(atServer.remoteAddress()).isEqualTo(after);
            assertThat(atServer.stats().pathValidationsSucceeded()).isEqualTo(1);
            assertThat(server.connections()).containsExactly(atServer);
            assertThat(server.stats().handshakesCompleted()).isEqualTo(1);
            assertThat(accepting.connectionCloses).isEmpty();
        }
    }
}
