package io.uxp.cc.bbr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.uxp.testkit.MutableLossSample;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The pacing rate makes up for random loss: a path that loses a share p of what it carries delivers the estimate
 * only when sent the estimate / (1 - p). Only queue-free rounds measure p, and at most
 * {@value BbrParameters#MAX_LOSS_COMPENSATION} is made up for.
 */
class BbrLossCompensationTest {

    static final long RATE = 1_260_000;
    static final long RTT_MICROS = 40_000;

    @ParameterizedTest(name = "{0} of 36 segments lost per round at {1} x min RTT: paced at rate x {2}")
    @CsvSource({
        "0, 1.0, 1.0",
        "2, 1.0, 1.0556", // 2 of 38 sent: 1 / (1 - 0.0526)
        "4, 1.0, 1.1111", // 4 of 40: 1 / 0.9
        "12, 1.0, 1.1765", // 12 of 48 (25 %) is more than lossy: capped at 1 / (1 - 0.15)
        "2, 1.4, 1.0", // a standing queue of 0.4 min RTT: the loss may be the queue's, so it is not made up for
    })
    void atGainOneThePacingRateIsTheEstimateOverOneMinusTheQueueFreeLossShare(int lostPerRound, double rttFactor,
            double expectedFactor) {
        SyntheticRounds path = new SyntheticRounds();
        long bdp = path.bytesInFlight;
        // the 1.25 phase ends once in flight reaches 1.25 BDP (or a loss comes)
        path.afterEachAck = () -> path.bytesInFlight = path.cc.pacingGain() > 1 ? bdp * 13 / 10 : bdp;
        for (int round = 0; round < 12; round++) { // to PROBE_BW at RATE with the min RTT known
            path.round(RATE, RTT_MICROS);
        }
        double gainOnePacing = -1;
        for (int round = 0; round < 60; round++) {
            if (lostPerRound > 0) {
                MutableLossSample loss = path.loss;
                loss.nowMicros = path.nowMicros;
                loss.lostSegments = lostPerRound;
                loss.lostBytes = (long) lostPerRound * path.segmentBytes;
                loss.newestSentMicros = path.nowMicros;
                loss.bytesInFlight = path.bytesInFlight;
                path.cc.onLost(loss);
            }
            path.round(RATE, (long) (RTT_MICROS * rttFactor));
            if (path.cc.mode() == BbrMode.PROBE_BW && path.cc.pacingGain() == 1) {
                gainOnePacing = path.cc.pacingRate();
            }
        }

        assertThat(path.cc.inflightHiBytes()).as("no congestion response").isEqualTo(Long.MAX_VALUE);
        double expected = RATE * (1 - BbrParameters.PACING_MARGIN) * expectedFactor;
        assertThat(gainOnePacing / expected).isCloseTo(1.0, within(0.01));
    }
}
