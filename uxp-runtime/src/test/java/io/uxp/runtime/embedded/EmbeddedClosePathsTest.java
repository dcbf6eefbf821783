package io.uxp.runtime.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.CloseCause;
import io.uxp.api.CloseCause.Kind;
import io.uxp.api.Connection;
import io.uxp.runtime.ConnectionSettings;
import io.uxp.runtime.UxpClient;
import io.uxp.runtime.UxpServer;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The close paths that timers decide (keepalive, idle timeout, dead link), moved from the wall-clock
 * {@code ClosePathsTest} onto the embedded harness: the same settings and assertions, plus the virtual time each
 * fires at.
 */
class EmbeddedClosePathsTest {

    @Test
    void aSilentPeerIsClosedByTheIdleTimeoutAndItsPeerIsTold() {
        // the client expects a keepalive every 100 ms and gives up after 400 ms; the server sends one only
        // after 2 s of silence, so the client's idle timeout fires while the link itself is fine
        EmbeddedHarness h = EmbeddedHarness.withDelay(51, 5);
        EmbeddedFixtures.Accepting accepting = new EmbeddedFixtures.Accepting(h, false);
        UxpServer server = h.server(EmbeddedFixtures.server(accepting)
                .settings(ConnectionSettings.defaults().withKeepalive(2_000, 10_000)));
        UxpClient client = h.client(EmbeddedFixtures.client()
                .settings(ConnectionSettings.defaults().withKeepalive(100, 400)));
        Peer clientSide = new Peer(h::nowMillis, false);
        h.await(client.connect(EmbeddedHarness.SERVER, clientSide), 5_000);
        assertThat(h.runUntil(() -> !accepting.connectionCloses.isEmpty(), 5_000)).isTrue();
        assertThat(clientSide.closes).extracting(CloseCause::kind).containsExactly(Kind.IDLE_TIMEOUT);
        InetSocketAddress clientAddress = accepting.connections.get(0).remoteAddress();
        assertThat(clientSide.closedAtMillis).isEqualTo(h.network().lastArrivalMicros(clientAddress) / 1_000 + 400);
        assertThat(accepting.peers.get(0).closes).extracting(CloseCause::detail)
                .singleElement().asString().contains("timed out");
        assertThat(accepting.connectionCloses).extracting(CloseCause::kind).containsExactly(Kind.PEER_CLOSE);
        // told by the client's CLOSE one path delay later, not by its own idle timeout
        assertThat(accepting.peers.get(0).closedAtMillis).isEqualTo(clientSide.closedAtMillis + 5);
        h.close(client);
        h.close(server);
    }

    @Test
    void lostHeartbeatsCloseBothSidesWithIdleTimeout() {
        EmbeddedHarness h = EmbeddedHarness.withDelay(52, 5);
        EmbeddedFixtures.Accepting accepting = new EmbeddedFixtures.Accepting(h, false);
        ConnectionSettings settings = ConnectionSettings.defaults().withKeepalive(100, 500);
        UxpServer server = h.server(EmbeddedFixtures.server(accepting).settings(settings));
        UxpClient client = h.client(EmbeddedFixtures.client().settings(settings));
        Peer clientSide = new Peer(h::nowMillis, false);
        h.await(client.connect(EmbeddedHarness.SERVER, clientSide), 5_000);
        assertThat(h.runUntil(() -> accepting.connections.size() == 1, 1_000)).isTrue();
        InetSocketAddress clientAddress = accepting.connections.get(0).remoteAddress();
        h.runFor(2_000);
        // the path black-holes both directions
        h.network().isolate(clientAddress, true);
        assertThat(h.runUntil(() -> !clientSide.closes.isEmpty() && !accepting.connectionCloses.isEmpty(), 5_000))
                .isTrue();
        assertThat(clientSide.closes).extracting(CloseCause::kind).containsExactly(Kind.IDLE_TIMEOUT);
        assertThat(accepting.peers.get(0).closes).extracting(CloseCause::kind).containsExactly(Kind.IDLE_TIMEOUT);
        assertThat(accepting.connectionCloses).extracting(CloseCause::kind).containsExactly(Kind.IDLE_TIMEOUT);
        assertThat(clientSide.closedAtMillis).isEqualTo(h.network().lastArrivalMicros(clientAddress) / 1_000 + 500);
        assertThat(accepting.peers.get(0).closedAtMillis)
                .isEqualTo(h.network().lastArrivalMicros(EmbeddedHarness.SERVER) / 1_000 + 500);
        h.close(client);
        h.close(server);
    }

    @Test
    void unacknowledgedDataOnABlackHoledPathClosesTheSenderWithDeadLink() {
        EmbeddedHarness h = EmbeddedHarness.withDelay(53, 5);
        EmbeddedFixtures.Accepting accepting = new EmbeddedFixtures.Accepting(h, false);
        // the idle timeout is far away, so only KCP's dead-link detection can close the sender in time
        ConnectionSettings settings = ConnectionSettings.defaults().withKeepalive(100, 60_000).withDeadLinkThreshold(3);
        UxpServer server = h.server(EmbeddedFixtures.server(accepting).settings(settings));
        UxpClient client = h.client(EmbeddedFixtures.client().settings(settings));
        Peer clientSide = new Peer(h::nowMillis, false);
        Connection c = h.await(client.connect(EmbeddedHarness.SERVER, clientSide), 5_000);
        assertThat(h.runUntil(() -> accepting.connections.size() == 1, 1_000)).isTrue();
        h.network().isolate(accepting.connections.get(0).remoteAddress(), true);
        long cutAt = h.nowMillis();
        c.send(ByteBuffer.wrap(new byte[100]));
        assertThat(h.runUntil(() -> !clientSide.closes.isEmpty(), 10_000)).isTrue();
        CloseCause cause = clientSide.closes.get(0);
        assertThat(cause.kind()).isEqualTo(Kind.DEAD_LINK);
        assertThat(cause.detail()).contains("3 times");
        assertThat(clientSide.closes).hasSize(1);
        // three sends one (growing) RTO apart, far sooner than the 60 s idle timeout
        assertThat(clientSide.closedAtMillis - cutAt).isLessThan(5_000);
        h.close(client);
        h.close(server);
    }

    @Test
    void keepalivesHoldAnIdleConnectionOpenPastTheIdleTimeout() {
        EmbeddedHarness h = EmbeddedHarness.withDelay(54, 5);
        EmbeddedFixtures.Accepting accepting = new EmbeddedFixtures.Accepting(h, false);
        ConnectionSettings settings = ConnectionSettings.defaults().withKeepalive(50, 1_000);
        UxpServer server = h.server(EmbeddedFixtures.server(accepting).settings(settings));
        UxpClient client = h.client(EmbeddedFixtures.client().settings(settings));
        Peer clientSide = new Peer(h::nowMillis, false);
        Connection c = h.await(client.connect(EmbeddedHarness.SERVER, clientSide), 5_000);
        long packetsBefore = h.inside(() -> c.stats().packetsIn());
        h.runFor(10_000);
        // one keepalive per 50 ms for ten idle timeouts
        assertThat(h.inside(() -> c.stats().packetsIn()) - packetsBefore).isBetween(190L, 210L);
        assertThat(c.isOpen()).isTrue();
        assertThat(clientSide.closes).isEmpty();
        c.close();
        assertThat(h.runUntil(() -> !clientSide.closes.isEmpty(), 1_000)).isTrue();
        assertThat(clientSide.closes).extracting(CloseCause::kind).containsExactly(Kind.LOCAL_CLOSE);
        h.close(client);
        h.close(server);
    }
}
