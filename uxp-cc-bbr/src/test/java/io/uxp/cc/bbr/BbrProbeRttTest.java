package io.uxp.cc.bbr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Ten seconds without a new minimum RTT send the controller to PROBE_RTT for at least 200 ms and a round. */
class BbrProbeRttTest {

    static final long RATE = 1_250_000;
    static final long RTT_MICROS = 40_000;
    static final long TICK_MICROS = 100;

    @Test
    void probeRttStartsTenSecondsAfterTheLastNewMinimumAndLastsAtLeast200MsAtHalfTheBdp() {
        PathSimulator sim = new PathSimulator(RATE, RTT_MICROS, 5);
        long lastRefresh = -1;
        long entered = -1;
        long left = -1;
        int maxCwndInProbeRtt = 0;
        long bandwidthBefore = 0;
        for (long t = TICK_MICROS; t <= 13_000_000 && left < 0; t += TICK_MICROS) {
            sim.runUntil(t);
            BbrController cc = sim.cc;
            if (entered < 0) {
                if (cc.mode() == BbrMode.PROBE_RTT) {
                    entered = t;
                } else {
                    lastRefresh = cc.minRttStampMicros();
                    bandwidthBefore = cc.bottleneckBandwidthBytesPerSecond();
                }
            }
            if (entered >= 0 && cc.mode() == BbrMode.PROBE_RTT) {
                maxCwndInProbeRtt = Math.max(maxCwndInProbeRtt, cc.congestionWindow());
            } else if (entered >= 0) {
                left = t;
            }
        }

        assertThat(entered).as("entered PROBE_RTT").isPositive();
        assertThat(entered - lastRefresh).isGreaterThanOrEqualTo(BbrParameters.MIN_RTT_WINDOW_MICROS);
        assertThat(entered - lastRefresh).isLessThan(BbrParameters.MIN_RTT_WINDOW_MICROS + 2 * RTT_MICROS);
        assertThat(left).as("left PROBE_RTT").isPositive();
        assertThat(left - entered).isGreaterThanOrEqualTo(BbrParameters.PROBE_RTT_DURATION_MICROS);
        assertThat(left - entered).isLessThan(BbrParameters.PROBE_RTT_DURATION_MICROS + 4 * RTT_MICROS);
        assertThat(sim.cc.mode()).isEqualTo(BbrMode.PROBE_BW);
        assertThat(sim.cc.minRttStampMicros()).as("the probe refreshed the filter").isGreaterThanOrEqualTo(entered);
        double halfBdp = Math.ceil(BbrParameters.PROBE_RTT_CWND_GAIN * sim.pathBdpSegments());
        assertThat(maxCwndInProbeRtt).isLessThanOrEqualTo((int) Math.max(halfBdp, BbrParameters.MIN_CWND_SEGMENTS));
        // the low delivery rates PROBE_RTT causes itself do not lower the estimate
        assertThat(sim.cc.bottleneckBandwidthBytesPerSecond()).isGreaterThanOrEqualTo((long) (0.95 * bandwidthBefore));
    }
}
