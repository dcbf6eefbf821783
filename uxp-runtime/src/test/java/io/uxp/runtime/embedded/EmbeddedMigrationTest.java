package io.uxp.runtime.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.Connection;
import io.uxp.api.ConnectionStats;
import io.uxp.runtime.UxpClient;
import io.uxp.runtime.UxpServer;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/**
 * A NAT rebinding mid-transfer: the server validates the new address, then moves the connection there, without a
 * new handshake (moved from the wall-clock {@code NatRebindingTest}, which switched a UDP relay's port).
 */
class EmbeddedMigrationTest {

    @Test
    void aNatRebindingMigratesTheConnectionAfterPathValidation() {
        EmbeddedHarness h = EmbeddedHarness.withDelay(21, 10);
        EmbeddedFixtures.Connected run = EmbeddedFixtures.connected(h);
        UxpServer server = run.server();
        UxpClient client = run.client();
        EmbeddedFixtures.Accepting accepting = run.accepting();
        Connection c = run.atClient();
        Connection atServer = run.atServer();
        Peer serverSide = run.serverSide();
        InetSocketAddress before = atServer.remoteAddress();
        long total = 1 << 20;
        long[] sent = {0};
        assertThat(h.runUntil(() -> (sent[0] = Peer.pump(c, sent[0], total, 8_192)) >= total / 4
                && serverSide.bytes >= total / 4, 10_000)).isTrue();
        InetSocketAddress after = EmbeddedEnvironment.address(203, 0, 113, 7, 40_000);
        h.network().rebind(before, after);
        assertThat(h.runUntil(() -> (sent[0] = Peer.pump(c, sent[0], total, 8_192)) == total
                && serverSide.bytes == total, 30_000)).isTrue();
        assertThat(serverSide.firstWrongByte).isEqualTo(-1);
        assertThat(atServer.remoteAddress()).isEqualTo(after);
        ConnectionStats stats = h.inside(atServer::stats);
        assertThat(stats.pathValidationsStarted()).isEqualTo(1);
        assertThat(stats.pathValidationsSucceeded()).isEqualTo(1);
        assertThat(stats.pathValidationsFailed()).isZero();
        assertThat(c.isOpen()).isTrue();
        assertThat(serverSide.closes).isEmpty();
        assertThat(server.connections()).containsExactly(atServer);
        assertThat(server.stats().handshakesCompleted()).isEqualTo(1);
        assertThat(accepting.connectionCloses).isEmpty();
        h.close(client);
        h.close(server);
    }
}
