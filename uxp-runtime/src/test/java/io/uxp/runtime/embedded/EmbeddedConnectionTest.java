package io.uxp.runtime.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.CloseCause;
import io.uxp.api.CloseCause.Kind;
import io.uxp.api.Connection;
import io.uxp.runtime.ConnectionSettings;
import io.uxp.runtime.UxpClient;
import io.uxp.runtime.UxpServer;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Connection behaviour over the embedded harness, in virtual time: handshake and echo, keepalives, the idle
 * timeout (to the millisecond), close. Each runs in milliseconds of wall time whatever the virtual time.
 */
class EmbeddedConnectionTest {

    @Test
    void aHandshakeAndAnEchoRunInVirtualTime() {
        EmbeddedHarness h = EmbeddedHarness.withDelay(1, 20);
        EmbeddedFixtures.Accepting accepting = new EmbeddedFixtures.Accepting(h, true);
        UxpServer server = h.server(EmbeddedFixtures.server(accepting));
        UxpClient client = h.client(EmbeddedFixtures.client());
        Peer clientSide = new Peer(h::nowMillis, false);
        long start = h.nowMillis();
        Connection c = h.await(client.connect(EmbeddedHarness.SERVER, clientSide), 5_000);
        // ClientHello, ServerHello: one round trip of 2 x 20 ms
        assertThat(h.nowMillis() - start).isBetween(40L, 45L);
        byte[] hello = new byte[100];
        for (int i = 0; i < hello.length; i++) {
            hello[i] = Peer.pattern(i);
        }
        c.send(ByteBuffer.wrap(hello));
        assertThat(h.runUntil(() -> clientSide.bytes == 100, 1_000)).isTrue();
        assertThat(clientSide.firstWrongByte).isEqualTo(-1);
        assertThat(accepting.peers).singleElement().satisfies(p -> assertThat(p.bytes).isEqualTo(100));
        h.close(client);
        h.close(server);
        assertThat(clientSide.closes).extracting(CloseCause::kind).containsExactly(Kind.LOCAL_CLOSE);
        assertThat(accepting.connectionCloses).extracting(CloseCause::kind).containsExactly(Kind.PEER_CLOSE);
        assertThat(accepting.serverClosed).isEqualTo(1);
    }

    @Test
    void keepalivesHoldAnIdleConnectionOpenForTenTimesTheIdleTimeout() {
        EmbeddedHarness h = EmbeddedHarness.withDelay(2, 15);
        EmbeddedFixtures.Accepting accepting = new EmbeddedFixtures.Accepting(h, false);
        // the defaults: a keepalive after 5 s of silence, an idle timeout of 30 s
        UxpServer server = h.server(EmbeddedFixtures.server(accepting));
        UxpClient client = h.client(EmbeddedFixtures.client());
        Peer clientSide = new Peer(h::nowMillis, false);
        Connection c = h.await(client.connect(EmbeddedHarness.SERVER, clientSide), 5_000);
        long before = h.inside(() -> c.stats().packetsIn());
        h.runFor(300_000);
        assertThat(c.isOpen()).isTrue();
        assertThat(clientSide.closes).isEmpty();
        assertThat(accepting.connectionCloses).isEmpty();
        assertThat(accepting.connections).singleElement().satisfies(s -> assertThat(s.isOpen()).isTrue());
        // about one keepalive per 5 s from the server: 300 s / 5 s = 60, and no more than a few extra
        long keepalives = h.inside(() -> c.stats().packetsIn()) - before;
        assertThat(keepalives).isBetween(55L, 65L);
        h.close(client);
        h.close(server);
    }

    @Test
    void aSilentPeerIsClosedExactlyAtTheIdleTimeoutAfterItsLastDatagram() {
        EmbeddedHarness h = EmbeddedHarness.withDelay(3, 10);
        EmbeddedFixtures.Accepting accepting = new EmbeddedFixtures.Accepting(h, false);
        ConnectionSettings settings = ConnectionSettings.defaults().withKeepalive(1_000, 3_000);
        UxpServer server = h.server(EmbeddedFixtures.server(accepting).settings(settings));
        UxpClient client = h.client(EmbeddedFixtures.client().settings(settings));
        Peer clientSide = new Peer(h::nowMillis, false);
        Connection c = h.await(client.connect(EmbeddedHarness.SERVER, clientSide), 5_000);
        h.runFor(10_000);
        assertThat(accepting.connections).hasSize(1);
        // the client's host vanishes: nothing more from it, nothing reaches it
        java.net.InetSocketAddress clientAddress = accepting.connections.get(0).remoteAddress();
        h.network().isolate(clientAddress, true);
        long cutAt = h.nowMillis();
        assertThat(h.runUntil(() -> !accepting.connectionCloses.isEmpty(), 10_000)).isTrue();
        Peer serverSide = accepting.peers.get(0);
        assertThat(serverSide.closes).extracting(CloseCause::kind).containsExactly(Kind.IDLE_TIMEOUT);
        long lastFromClient = h.network().lastArrivalMicros(EmbeddedHarness.SERVER) / 1_000;
        // what was in flight when the host vanished still arrives: at most one path delay (10 ms) later
        assertThat(lastFromClient).isBetween(cutAt - 1_000, cutAt + 10);
        assertThat(serverSide.closedAtMillis).isEqualTo(lastFromClient + 3_000);
        // the client, cut off as well, times out on its own at its last datagram from the server + 3 s
        assertThat(h.runUntil(() -> !clientSide.closes.isEmpty(), 10_000)).isTrue();
        assertThat(clientSide.closes).extracting(CloseCause::kind).containsExactly(Kind.IDLE_TIMEOUT);
        long lastFromServer = h.network().lastArrivalMicros(clientAddress) / 1_000;
        assertThat(clientSide.closedAtMillis).isEqualTo(lastFromServer + 3_000);
        h.close(client);
        h.close(server);
    }
}
