package io.uxp.runtime.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.Connection;
import io.uxp.runtime.FecOffer;
import io.uxp.runtime.ProviderPreferences;
import io.uxp.runtime.UxpClient;
import io.uxp.runtime.UxpServer;
import io.uxp.testkit.LinkSimulator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Transfers through the whole stack over impaired links in virtual time: every byte once and in order under
 * loss, duplication, reordering and FEC for several seeds; a bottleneck that congestion control ({@code bbr})
 * fills to more than 60 % of its rate while under 2 % of datagrams overflow its queue; and a seed that repeats its
 * run exactly.
 */
class EmbeddedTransferTest {

    /** What one run produced, to compare two runs of one seed. */
    private record Outcome(long finishedAtMillis, long datagramsSent, long lost, long turns) {
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void everyByteArrivesExactlyOnceInOrderOverALossyReorderingLink(long seed) {
        Outcome o = lossyTransfer(seed);
        assertThat(o.lost()).isPositive();
    }

    @Test
    void aSeedRepeatsItsRunExactly() {
        assertThat(lossyTransfer(7)).isEqualTo(lossyTransfer(7));
    }

    private static Outcome lossyTransfer(long seed) {
        EmbeddedHarness h = new EmbeddedHarness(seed, s -> LinkSimulator.builder().seed(s).delay(5, 30)
                .loss(0.05).duplicate(0.01).reorder(0.05).build());
        ProviderPreferences prefs = new ProviderPreferences(List.of("chacha20-poly1305"),
                List.of(FecOffer.of("reed-solomon", 10, 3)), List.of("bbr"));
        EmbeddedFixtures.Accepting accepting = new EmbeddedFixtures.Accepting(h, false);
        UxpServer server = h.server(EmbeddedFixtures.server(accepting).preferences(prefs));
        UxpClient client = h.client(EmbeddedFixtures.client().preferences(prefs));
        Peer clientSide = new Peer(h::nowMillis, false);
        Connection c = h.await(client.connect(EmbeddedHarness.SERVER, clientSide), 10_000);
        long total = 1 << 20;
        long[] sent = {0};
        assertThat(h.runUntil(() -> (sent[0] = Peer.pump(c, sent[0], total, 5_000)) == total
                && !accepting.peers.isEmpty() && accepting.peers.get(0).bytes == total, 60_000)).isTrue();
        Peer serverSide = accepting.peers.get(0);
        assertThat(serverSide.firstWrongByte).isEqualTo(-1);
        long finished = h.nowMillis();
        h.runFor(1_000);
        assertThat(serverSide.bytes).as("nothing after the end").isEqualTo(total);
        assertThat(h.inside(() -> accepting.connections.get(0).stats().fecRecovered())).isPositive();
        LinkSimulator link = h.network().links().get(0);
        Outcome o = new Outcome(finished - VirtualClock.START_MICROS / 1_000, link.sent(), link.lost(), h.turns());
        h.close(client);
        h.close(server);
        return o;
    }

    @Test
    void congestionControlFillsABottleneckWithFewQueueDrops() {
        long rate = 10_000_000; // 10 Mbit/s
        int queue = 64 * 1024;
        EmbeddedHarness h = new EmbeddedHarness(31, s -> LinkSimulator.builder().seed(s).delay(20, 20)
                .bottleneck(rate, queue).build());
        EmbeddedFixtures.Accepting accepting = new EmbeddedFixtures.Accepting(h, false);
        UxpServer server = h.server(EmbeddedFixtures.server(accepting));
        UxpClient client = h.client(EmbeddedFixtures.client());
        Peer clientSide = new Peer(h::nowMillis, false);
        Connection c = h.await(client.connect(EmbeddedHarness.SERVER, clientSide), 5_000);
        assertThat(c.suite().congestionControl()).isEqualTo("bbr");
        long total = 4L << 20;
        long[] sent = {0};
        long start = h.nowMillis();
        assertThat(h.runUntil(() -> (sent[0] = Peer.pump(c, sent[0], total, 16_384)) == total
                && !accepting.peers.isEmpty() && accepting.peers.get(0).bytes == total, 60_000)).isTrue();
        long elapsed = h.nowMillis() - start;
        Peer serverSide = accepting.peers.get(0);
        assertThat(serverSide.firstWrongByte).isEqualTo(-1);
        LinkSimulator link = h.network().links().get(0);
        double goodputBitsPerSecond = total * 8.0 / (elapsed / 1_000.0);
        System.out.printf("bottleneck: %d bytes in %d ms virtual (%.1f%% of the rate), %d of %d datagrams dropped "
                + "at the queue, peak queue %d of %d bytes%n", total, elapsed, 100 * goodputBitsPerSecond / rate,
                link.queueDrops(LinkSimulator.Side.A), link.sent(LinkSimulator.Side.A),
                link.peakQueuedBytes(LinkSimulator.Side.A), queue);
        assertThat(goodputBitsPerSecond).isGreaterThan(0.6 * rate);
        assertThat(link.queueDrops(LinkSimulator.Side.A)).isLessThan(link.sent(LinkSimulator.Side.A) / 50);
        h.close(client);
        h.close(server);
    }
}
