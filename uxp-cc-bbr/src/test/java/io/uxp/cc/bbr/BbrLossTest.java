package io.uxp.cc.bbr;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.testkit.MutableLossSample;
import org.junit.jupiter.api.Test;

/** Random loss alone changes nothing; loss together with a queue bounds in flight until the queue is gone. */
class BbrLossTest {

    static final long RATE = 1_250_000;
    static final long RTT_MICROS = 40_000;

    @Test
    void fivePercentRandomLossAtAConstantRttLowersNeitherThePacingRateNorTheWindow() {
        PathSimulator clean = new PathSimulator(RATE, RTT_MICROS, 7);
        PathSimulator lossy = new PathSimulator(RATE, RTT_MICROS, 7);
        lossy.lossProbability = 0.05;
        clean.runUntil(2_000_000);
        lossy.runUntil(2_000_000);

        Trace baseline = Trace.run(clean, 9_000_000, true);
        Trace withLoss = Trace.run(lossy, 9_000_000, true);
        System.out.printf("pacing %.0f vs %.0f, cwnd %.1f vs %.1f, min cwnd %d vs %d%n", withLoss.meanPacing(),
                baseline.meanPacing(), withLoss.meanCwnd(), baseline.meanCwnd(), withLoss.minCwnd, baseline.minCwnd);

        assertThat(withLoss.inflightBoundSamples).as("instants with an in-flight bound").isZero();
        assertThat(withLoss.meanPacing()).isGreaterThanOrEqualTo(0.97 * baseline.meanPacing());
        assertThat(withLoss.meanCwnd()).isGreaterThanOrEqualTo(0.97 * baseline.meanCwnd());
        assertThat(withLoss.minCwnd).isGreaterThanOrEqualTo(baseline.minCwnd - 1);
        assertThat(withLoss.minBandwidth).isGreaterThanOrEqualTo((long) (0.95 * RATE));
    }

    @Test
    void fivePercentRandomLossWithAcknowledgementsDelayedToA10MsUpdateIntervalSetsNoBound() {
        PathSimulator sim = new PathSimulator(RATE, RTT_MICROS, 11);
        sim.ackIntervalMicros = 10_000; // RTT samples spread over [40, 50] ms: jitter, not a queue
        sim.lossProbability = 0.05;
        sim.runUntil(2_000_000);

        Trace trace = Trace.run(sim, 9_000_000, true);

        assertThat(trace.inflightBoundSamples).isZero();
        assertThat(trace.meanPacing() / RATE).isBetween(0.95, 1.3);
    }

    @Test
    void fivePercentLossWithTheRttAtTwiceTheMinimumCutsTheWindowWhichRecoversOnceTheRttFallsBack() {
        PathSimulator sim = new PathSimulator(RATE, RTT_MICROS, 3);
        sim.runUntil(2_000_000);
        Trace before = Trace.run(sim, 4_000_000, true);

        sim.lossProbability = 0.05;
        sim.extraDelayMicros = RTT_MICROS; // a queue elsewhere on the path doubles the RTT
        Trace queued = Trace.run(sim, 7_000_000, false);

        sim.extraDelayMicros = 0; // the queue is gone; the random loss stays
        sim.runUntil(9_000_000);
        Trace after = Trace.run(sim, 12_000_000, true);
        System.out.printf("cwnd before %.1f, queued %.1f (bound %d of %d ms), after %.1f (bound %d ms)%n",
                before.meanCwnd(), queued.meanCwnd(), queued.inflightBoundSamples, queued.samples,
                after.meanCwnd(), after.inflightBoundSamples);

        assertThat(queued.inflightBoundSamples).as("ms with an in-flight bound while queued").isPositive();
        assertThat(queued.meanCwnd()).isLessThan(0.8 * before.meanCwnd());
        assertThat(after.meanCwnd()).isGreaterThanOrEqualTo(0.9 * before.meanCwnd());
        assertThat(after.inflightBoundSamples).isLessThan(after.samples / 10);
    }

    @Test
    void lossesOfSegmentsSentBeforeTheLastCutDoNotCutAgain() {
        SyntheticRounds path = new SyntheticRounds();
        for (int round = 0; round < 12; round++) { // to PROBE_BW at 1.26 MB/s, 40 ms
            path.round(1_260_000, RTT_MICROS);
        }
        path.bytesInFlight = 100L * path.segmentBytes; // a queue: in flight far above the 36-segment BDP
        path.round(1_260_000, 2 * RTT_MICROS);
        loseThreeSegmentsSentAt(path, path.nowMicros);
        path.round(1_260_000, 2 * RTT_MICROS); // its first acknowledgement ends the lossy round
        long bound = path.cc.inflightHiBytes();
        // 0.7 x the 103 segments in flight when the 3 were declared lost
        assertThat(bound).isEqualTo((long) (103L * path.segmentBytes * BbrParameters.LOSS_BETA));

        path.bytesInFlight = 10L * path.segmentBytes; // a second cut would lower the bound to the BDP
        loseThreeSegmentsSentAt(path, path.nowMicros - 3 * RTT_MICROS);
        path.round(1_260_000, 2 * RTT_MICROS);
        path.round(1_260_000, 2 * RTT_MICROS);

        assertThat(path.cc.inflightHiBytes()).isGreaterThanOrEqualTo(bound);
    }

    private static void loseThreeSegmentsSentAt(SyntheticRounds path, long sentMicros) {
        MutableLossSample loss = path.loss;
        loss.nowMicros = path.nowMicros;
        loss.lostSegments = 3;
        loss.lostBytes = 3L * path.segmentBytes;
        loss.newestSentMicros = sentMicros;
        loss.bytesInFlight = path.bytesInFlight;
        path.cc.onLost(loss);
    }
}
