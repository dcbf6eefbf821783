package io.uxp.cc.bbr.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.testkit.LinkSimulator;
import io.uxp.testkit.LinkSimulator.Side;
import org.junit.jupiter.api.Test;

/**
 * BBR on a fast long path with random loss (800 Mbit/s, 20 ms each way, 5 % loss each way, a drop-tail queue of
 * one bandwidth-delay product), in virtual time, with the runtime's windows. Under loss the sender's flow window
 * ({@code nxt - una}) must cover more than the BDP: the oldest hole holds {@code una} for the round trip of its
 * retransmission, one more for each retransmission lost again, while later segments keep leaving. With 8,192
 * segments this path ran at 72 % of its limit, flow-window bound in every flush that had pacing credit left.
 */
class BbrFastLossyPathSimulationTest {
    private static final long RATE_BITS_PER_SECOND = 800_000_000L;
    private static final int ONE_WAY_DELAY_MILLIS = 20;
    private static final long BASE_RTT_MICROS = 2L * ONE_WAY_DELAY_MILLIS * 1000;
    private static final double LOSS = 0.05;
    private static final long SECOND_MICROS = 1_000_000L;
    private static final long WARM_UP_MICROS = 2 * SECOND_MICROS;
    private static final long MEASURE_MICROS = 2 * SECOND_MICROS;
    /** Generous: 5 virtual seconds at 800 Mbit/s take a few million events. */
    private static final long MAX_STEPS = 100_000_000L;

    @Test
    void withFivePercentLossTheWindowLetsGoodputReachEightyFivePercentOfTheLink() {
        long seed = 1;
        LinkSimulator link = LinkSimulator.builder().seed(seed).delay(ONE_WAY_DELAY_MILLIS, ONE_WAY_DELAY_MILLIS)
                .bottleneck(Side.A, RATE_BITS_PER_SECOND, SimScenario.bdpBytes(RATE_BITS_PER_SECOND, BASE_RTT_MICROS))
                .loss(LOSS).build();
        Dumbbell net = new Dumbbell(link, SimScenario.runtimeLikeConfig(), SimScenario.provider(), new long[] {0},
                seed, Long.MAX_VALUE);
        net.runUntil(WARM_UP_MICROS, MAX_STEPS);
        net.mark();
        net.runUntil(WARM_UP_MICROS + MEASURE_MICROS, MAX_STEPS);

        double limit = (1 - LOSS) * RATE_BITS_PER_SECOND * SimScenario.payloadShare();
        double goodput = net.goodputBitsPerSecond(0);
        var stats = net.flows.get(0).sender.stats();
        System.out.printf("800 Mbit/s, 20 ms each way, 5%% loss: goodput %.1f Mbit/s = %.1f%% of limit %.1f Mbit/s;"
                + " window %d, retransmissions fast %d timeout %d for %d data datagrams lost, srtt %d ms%n",
                goodput / 1e6, 100 * goodput / limit, limit / 1e6, stats.sendWindow(), stats.fastRetransmissions(),
                stats.timeoutRetransmissions(), net.link.lost(Side.A), stats.srttMillis());
        assertThat(goodput).as("goodput, bits per second").isGreaterThanOrEqualTo(0.85 * limit);
    }
}
