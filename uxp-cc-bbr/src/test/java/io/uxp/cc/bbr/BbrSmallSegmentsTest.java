package io.uxp.cc.bbr;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.testkit.MutableAckSample;
import io.uxp.testkit.MutableLossSample;
import org.junit.jupiter.api.Test;

/**
 * A flow of small messages (a 64-byte update every 10 ms: 88-byte KCP segments) gets a window, counted in segments,
 * that carries its rate with room: the window stands for the bytes of the segments actually sent, not for
 * full-size segments. Found by the benchmark harness: with the window converted at full size, such a flow got
 * 4-7 segments per round trip, fewer than it sends once a queue doubles the RTT, and its latency grew without end.
 */
class BbrSmallSegmentsTest {

    private static final int SEGMENT_BYTES = 88;
    private static final long STEP_MICROS = 10_000;
    private static final long RTT_MICROS = 80_000;

    @Test
    void aSmallMessageFlowKeepsAWindowOfTwiceWhatItHasInFlightAfterStartup() {
        BbrController cc = (BbrController) new BbrCongestionProvider().newController(PathSimulator.MSS_BYTES);
        MutableAckSample ack = new MutableAckSample();
        MutableLossSample loss = new MutableLossSample();
        int inFlightSegments = (int) (RTT_MICROS / STEP_MICROS);
        long delivered = 0;
        int step = 0;
        for (long now = 0; now < 6_000_000; now += STEP_MICROS, step++) {
            cc.onSent(now, SEGMENT_BYTES, false);
            if (now < RTT_MICROS) {
                continue;
            }
            // from 2 s to 3 s a bulk flow's queue doubles the RTT and 10 % of the segments are lost: congested
            // rounds, which end STARTUP; afterwards the path is as before
            boolean congested = now >= 2_000_000 && now < 3_000_000;
            ack.nowMicros = now;
            ack.rttMicros = congested ? 2 * RTT_MICROS : RTT_MICROS;
            ack.ackedBytes = SEGMENT_BYTES;
            ack.priorDeliveredBytes = delivered;
            delivered += SEGMENT_BYTES;
            ack.totalDeliveredBytes = delivered;
            ack.deliveredBytes = (long) inFlightSegments * SEGMENT_BYTES;
            ack.intervalMicros = RTT_MICROS;
            ack.appLimited = true; // 8,800 B/s, far below what the path carries
            ack.bytesInFlight = (long) inFlightSegments * SEGMENT_BYTES;
            cc.onAcknowledged(ack);
            if (congested && step % 10 == 0) {
                loss.nowMicros = now;
                loss.lostSegments = 1;
                loss.lostBytes = SEGMENT_BYTES;
                loss.newestSentMicros = now - STEP_MICROS;
                loss.bytesInFlight = ack.bytesInFlight;
                cc.onLost(loss);
            }
        }

        assertThat(cc.mode()).isNotEqualTo(BbrMode.STARTUP);
        assertThat(cc.congestionWindow()).as("window, segments").isGreaterThanOrEqualTo(2 * inFlightSegments);
    }
}
