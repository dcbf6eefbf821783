package io.uxp.cc.bbr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What keeps the bottleneck's queue short: STARTUP's window is its gain ({@link BbrParameters#STARTUP_CWND_GAIN})
 * times the estimated BDP without the ACK aggregation allowance, and PROBE_BW's 0.75 phase lasts until in flight is
 * down to the BDP, for at most {@value BbrParameters#PROBE_BW_DRAIN_MAX_RTTS} min RTTs.
 */
class BbrQueueBoundTest {

    static final long RTT_MICROS = 40_000;
    static final long RATE = 1_250_000;
    static final long BDP_BYTES = RATE * RTT_MICROS / 1_000_000;

    @Test
    void startupsWindowIsItsGainTimesTheBdpEvenWhenAcknowledgementsOutrunTheEstimate() {
        SyntheticRounds path = new SyntheticRounds();
        path.segmentsPerAck = 4; // 144 segments a round: 5 MB/s of acknowledgements against samples of 1-2.9 MB/s
        double rate = 1_000_000;
        for (int round = 0; round < 5; round++) {
            path.round((long) rate, RTT_MICROS);
            rate *= 1.3; // growing by more than a quarter: still STARTUP
        }

        assertThat(path.cc.mode()).isEqualTo(BbrMode.STARTUP);
        long bdp = path.cc.bottleneckBandwidthBytesPerSecond() * RTT_MICROS / 1_000_000;
        long targetSegments = (long) Math.ceil(BbrParameters.STARTUP_CWND_GAIN * bdp / path.segmentBytes)
                + BbrParameters.ACK_AGGREGATION_QUANTUM_SEGMENTS;
        // one acknowledgement's growth past the target at most; with the aggregation allowance it was 60 more
        assertThat(path.cc.congestionWindow()).isBetween((int) targetSegments - 1,
                (int) targetSegments + path.segmentsPerAck);
    }

    @Test
    void theDrainPhaseWaitsForInFlightToFallToTheBdpForAtMostThreeMinRtts() {
        assertThat(drainPhaseMicros(BDP_BYTES * 3 / 2)).as("a standing queue of half a BDP")
                .isGreaterThan(2 * RTT_MICROS).isLessThanOrEqualTo(3 * RTT_MICROS + RTT_MICROS / 10);
        assertThat(drainPhaseMicros(BDP_BYTES * 9 / 10)).as("no queue: over at its first acknowledgement")
                .isLessThanOrEqualTo(RTT_MICROS / SyntheticRounds.ACKS_PER_ROUND);
    }

    /** @return how long the first 0.75 phase of PROBE_BW lasted with {@code inflight} bytes in flight in it */
    private static long drainPhaseMicros(long inflight) {
        SyntheticRounds path = new SyntheticRounds();
        path.bytesInFlight = BDP_BYTES / 2; // lets DRAIN end
        double rate = 100_000;
        while (path.cc.mode() != BbrMode.PROBE_BW && path.cc.roundCount() < 100) {
            path.round((long) Math.min(rate, RATE), RTT_MICROS);
            rate *= 2;
        }
        assertThat(path.cc.mode()).isEqualTo(BbrMode.PROBE_BW);
        long[] phase = {-1, -1}; // start and end of the first 0.75 phase
        path.afterEachAck = () -> {
            boolean draining = path.cc.pacingGain() < 1;
            if (draining && phase[0] < 0) {
                phase[0] = path.nowMicros;
            } else if (!draining && phase[0] >= 0 && phase[1] < 0) {
                phase[1] = path.nowMicros;
            }
            // the probe fills 1.3 BDP and so ends after a min RTT; what follows has the in flight under test
            path.bytesInFlight = path.cc.pacingGain() > 1 ? BDP_BYTES * 13 / 10 : inflight;
        };
        for (int round = 0; round < 30 && phase[1] < 0; round++) {
            path.round(RATE, RTT_MICROS);
        }
        assertThat(phase[1]).as("the phase ended").isPositive();
        return phase[1] - phase[0];
    }
}
