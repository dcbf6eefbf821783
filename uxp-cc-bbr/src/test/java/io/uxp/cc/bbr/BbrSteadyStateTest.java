package io.uxp.cc.bbr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** On a clean path of rate R and RTT T, the controller settles on pacing near R and a window near 2 BDP. */
class BbrSteadyStateTest {

    static final long RATE = 1_250_000; // 10 Mbit/s
    static final long RTT_MICROS = 40_000;

    @Test
    void afterStartupThePacingRateAveragesNearTheBottleneckRateAndTheWindowIsTwoBdpPlusTheQuantum() {
        PathSimulator sim = new PathSimulator(RATE, RTT_MICROS, 1);
        sim.runUntil(2_000_000);
        assertThat(sim.cc.mode()).isEqualTo(BbrMode.PROBE_BW);

        // 4 s of PROBE_BW: a dozen gain cycles of 8 phases of about one RTT
        Trace trace = Trace.run(sim, 6_000_000, true);

        assertThat(trace.samples).isGreaterThan(3_000);
        assertThat(trace.meanPacing() / RATE).isBetween(0.95, 1.3);
        assertThat((double) sim.cc.bottleneckBandwidthBytesPerSecond() / RATE).isCloseTo(1.0, within(0.05));
        double expectedCwnd = Math.ceil(2 * sim.pathBdpSegments()) + BbrParameters.ACK_AGGREGATION_QUANTUM_SEGMENTS;
        assertThat(trace.meanCwnd()).isCloseTo(expectedCwnd, within(0.1 * expectedCwnd));
        assertThat(trace.inflightBoundSamples).isZero();
    }

    @Test
    void theFirstPacingRateIsTheInitialWindowOverOneMillisecondTimesTheStartupGain() {
        BbrController cc = (BbrController) new BbrCongestionProvider().newController(PathSimulator.MSS_BYTES);

        long expected = (long) (BbrParameters.STARTUP_PACING_GAIN * BbrParameters.INITIAL_CWND_SEGMENTS
                * (PathSimulator.MSS_BYTES + 24) * 1_000_000L / BbrParameters.INITIAL_RTT_MICROS);
        assertThat(cc.pacingRate()).isEqualTo(expected);
        assertThat(cc.congestionWindow()).isEqualTo(BbrParameters.INITIAL_CWND_SEGMENTS);
        assertThat(cc.slowStartThreshold()).isZero();
        assertThat(cc.mode()).isEqualTo(BbrMode.STARTUP);
    }
}
