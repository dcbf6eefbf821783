package io.uxp.cc.bbr;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.testkit.MutableLossSample;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** STARTUP doubles until the bandwidth estimate stops growing by a quarter over three rounds, then drains. */
class BbrStartupTest {

    static final long RTT_MICROS = 40_000;
    static final long FIRST_RATE = 100_000;

    @ParameterizedTest(name = "rate doubles for {0} rounds, then grows x{1} per round")
    @CsvSource({"2, 1.0", "5, 1.0", "8, 1.0", "5, 1.05", "8, 1.07"})
    void startupEndsThreeToFiveRoundsAfterTheRateStopsGrowingByAQuarterOverThreeRounds(int growthRounds,
            double laterGrowth) {
        SyntheticRounds path = new SyntheticRounds();
        double rate = FIRST_RATE;
        long exitRound = -1;
        for (int round = 0; round < growthRounds + 20 && exitRound < 0; round++) {
            path.round((long) rate, RTT_MICROS);
            if (path.cc.mode() != BbrMode.STARTUP) {
                exitRound = round;
            }
            rate *= round < growthRounds ? 2 : laterGrowth;
        }

        // the last round with a sample 25% above the one before is round growthRounds
        assertThat(exitRound - growthRounds).as("rounds from the last growth to the end of STARTUP")
                .isBetween(3L, 5L);
        assertThat(path.cc.fullBandwidthReached()).isTrue();
        assertThat(path.cc.inflightHiBytes()).as("no loss, no in-flight bound").isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest(name = "RTT {0} x min RTT, rate x{1} per lossy round")
    @CsvSource({"1.0, 1.0, false", "2.0, 1.0, true", "2.0, 2.0, false"})
    void lossAboveTwoPercentEndsStartupOnlyWhenTheRttShowsAQueueAndTheRateStoppedGrowing(double rttFactor,
            double growth, boolean ends) {
        SyntheticRounds path = new SyntheticRounds();
        double rate = FIRST_RATE;
        for (int round = 0; round < 3; round++) {
            path.round((long) rate, RTT_MICROS);
            rate *= 2;
        }
        for (int round = 0; round < 3; round++) { // 3 of 36 segments lost per round
            MutableLossSample loss = path.loss;
            loss.nowMicros = path.nowMicros;
            loss.lostSegments = 3;
            loss.lostBytes = 3L * path.segmentBytes;
            loss.newestSentMicros = path.nowMicros;
            loss.bytesInFlight = path.bytesInFlight;
            path.cc.onLost(loss);
            path.round((long) rate, (long) (RTT_MICROS * rttFactor));
            rate *= growth;
        }

        // a queue with a rate that still doubles is a busy host's delay, not a full pipe
        assertThat(path.cc.mode() != BbrMode.STARTUP).isEqualTo(ends);
        assertThat(path.cc.inflightHiBytes() != Long.MAX_VALUE).isEqualTo(ends);
    }

    @org.junit.jupiter.api.Test
    void aFirstRttSampleInflatedByASlowHostDoesNotHoldStartupsPacingDown() {
        SyntheticRounds path = new SyntheticRounds();
        path.round(FIRST_RATE, 5 * RTT_MICROS); // the first sample: five times the path's RTT
        long slow = path.cc.pacingRate();
        path.round(FIRST_RATE, RTT_MICROS);
        // at least the window's rate over half the true min RTT, so the window (not stale samples) limits STARTUP
        long floor = 2L * path.cc.congestionWindow() * path.segmentBytes * 1_000_000L / RTT_MICROS;
        assertThat(path.cc.minRttMicros()).isEqualTo(RTT_MICROS);
        assertThat(path.cc.pacingRate()).isGreaterThan(slow).isGreaterThanOrEqualTo(floor * 9 / 10);
    }
}
