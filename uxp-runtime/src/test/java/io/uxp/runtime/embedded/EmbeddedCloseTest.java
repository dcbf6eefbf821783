package io.uxp.runtime.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.CloseCause;
import io.uxp.api.CloseCause.Kind;
import io.uxp.api.Connection;
import io.uxp.runtime.UxpClient;
import io.uxp.runtime.UxpServer;
import io.uxp.testkit.LinkSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Closes reach the peer: one connection's over a lossy path, and a server's mass close reaches every client. */
class EmbeddedCloseTest {

    @Test
    void aCloseOverALossyPathReachesThePeerAfterEveryByte() {
        // 20 % loss each way: the data is retransmitted, the CLOSE repeated until the peer's CLOSE answers it
        EmbeddedHarness h = new EmbeddedHarness(11, s -> LinkSimulator.builder().seed(s).delay(15, 25).loss(0.2)
                .build());
        EmbeddedFixtures.Accepting accepting = new EmbeddedFixtures.Accepting(h, false);
        UxpServer server = h.server(EmbeddedFixtures.server(accepting));
        UxpClient client = h.client(EmbeddedFixtures.client());
        Peer clientSide = new Peer(h::nowMillis, false);
        Connection c = h.await(client.connect(EmbeddedHarness.SERVER, clientSide), 10_000);
        long total = 200_000;
        long[] sent = {0};
        assertThat(h.runUntil(() -> (sent[0] = Peer.pump(c, sent[0], total, 10_000)) == total, 30_000)).isTrue();
        long closeCalledAt = h.nowMillis();
        c.close();
        assertThat(h.runUntil(() -> !clientSide.closes.isEmpty() && !accepting.connectionCloses.isEmpty(), 30_000))
                .isTrue();
        assertThat(clientSide.closes).extracting(CloseCause::kind).containsExactly(Kind.LOCAL_CLOSE);
        Peer serverSide = accepting.peers.get(0);
        assertThat(serverSide.closes).extracting(CloseCause::kind).containsExactly(Kind.PEER_CLOSE);
        assertThat(serverSide.bytes).isEqualTo(total);
        assertThat(serverSide.firstWrongByte).isEqualTo(-1);
        // a CLOSE, not the idle timeout (30 s), ended it: well within one
        assertThat(serverSide.closedAtMillis - closeCalledAt).isLessThan(5_000);
        h.close(client);
        h.close(server);
    }

    @Test
    void aServersMassCloseReachesEveryClient() {
        int n = 500;
        EmbeddedHarness h = EmbeddedHarness.withDelay(12, 10);
        EmbeddedFixtures.Accepting accepting = new EmbeddedFixtures.Accepting(h, false);
        UxpServer server = h.server(EmbeddedFixtures.server(accepting).maxConnections(n));
        UxpClient client = h.client(EmbeddedFixtures.client());
        List<Peer> clients = new ArrayList<>();
        List<CompletableFuture<Connection>> connects = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Peer p = new Peer(h::nowMillis, false);
            clients.add(p);
            connects.add(client.connect(EmbeddedHarness.SERVER, p));
        }
        assertThat(h.runUntil(() -> accepting.connections.size() == n, 30_000)).isTrue();
        assertThat(connects).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        long closeAt = h.nowMillis();
        h.close(server);
        assertThat(accepting.serverClosed).isEqualTo(1);
        assertThat(accepting.connectionCloses).hasSize(n).allMatch(c -> c.kind() == Kind.SERVER_CLOSED);
        assertThat(h.runUntil(() -> clients.stream().allMatch(p -> !p.closes.isEmpty()), 60_000)).isTrue();
        for (Peer p : clients) {
            assertThat(p.closes).singleElement().satisfies(cause -> {
                assertThat(cause.kind()).isEqualTo(Kind.PEER_CLOSE);
                assertThat(cause.detail()).contains("server shut down");
            });
            // by the server's CLOSE one path delay later, not by an idle timeout
            assertThat(p.closedAtMillis - closeAt).isLessThanOrEqualTo(20);
        }
        h.close(client);
    }
}
