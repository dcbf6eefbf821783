package io.uxp.cc.bbr;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.spi.LossSample;
import io.uxp.testkit.MutableLossSample;
import org.junit.jupiter.api.Test;

/** A retransmission timeout holds the sender down for a round but keeps the path model. */
class BbrTimeoutTest {

    static final long RATE = 1_250_000;
    static final long RTT_MICROS = 40_000;

    @Test
    void aTimeoutCapsTheWindowAtFourUntilARoundIsAcknowledgedAndKeepsTheBandwidthAndMinRtt() {
        PathSimulator sim = new PathSimulator(RATE, RTT_MICROS, 9);
        sim.runUntil(3_000_000);
        BbrController cc = sim.cc;
        long bandwidth = cc.bottleneckBandwidthBytesPerSecond();
        long minRtt = cc.minRttMicros();
        long pacing = cc.pacingRate();
        int cwnd = cc.congestionWindow();

        sim.timeout();

        assertThat(cc.congestionWindow()).isEqualTo(BbrParameters.MIN_CWND_SEGMENTS);
        assertThat(cc.bottleneckBandwidthBytesPerSecond()).isEqualTo(bandwidth);
        assertThat(cc.minRttMicros()).isEqualTo(minRtt);
        assertThat(cc.pacingRate()).isEqualTo(pacing);

        sim.runUntil(3_000_000 + 4 * RTT_MICROS);
        assertThat(cc.congestionWindow()).as("the model's window is back").isGreaterThanOrEqualTo(cwnd - 2);
        assertThat(cc.bottleneckBandwidthBytesPerSecond()).isGreaterThanOrEqualTo((long) (0.95 * bandwidth));
    }

    @Test
    void repeatedTimeoutsOnABlackHoledPathKeepTheModelAndTheMinimumWindow() {
        SyntheticRounds path = new SyntheticRounds();
        for (int round = 0; round < 12; round++) {
            path.round(1_260_000, RTT_MICROS);
        }
        BbrController cc = path.cc;
        long bandwidth = cc.bottleneckBandwidthBytesPerSecond();
        long minRtt = cc.minRttMicros();
        MutableLossSample loss = path.loss;
        loss.cause = LossSample.Cause.TIMEOUT;
        for (int i = 1; i <= 10; i++) { // no acknowledgement arrives between them
            loss.nowMicros = path.nowMicros + i * 200_000L;
            loss.lostSegments = 1;
            loss.lostBytes = path.segmentBytes;
            loss.newestSentMicros = loss.nowMicros - 200_000L;
            loss.bytesInFlight = 0;
            cc.onLost(loss);
            assertThat(cc.congestionWindow()).isEqualTo(BbrParameters.MIN_CWND_SEGMENTS);
        }

        assertThat(cc.bottleneckBandwidthBytesPerSecond()).isEqualTo(bandwidth);
        assertThat(cc.minRttMicros()).isEqualTo(minRtt);
        assertThat(cc.pacingRate()).isPositive();
    }
}
