package io.uxp.kcp;

import io.uxp.api.spi.AckSample;
import io.uxp.api.spi.CongestionController;
import io.uxp.api.spi.LossSample;
import java.util.ArrayList;
import java.util.List;

/**
 * Test controller: a fixed pacing rate and a fixed window. It counts what the engine reports and, when
 * {@link #recording} is on, keeps a copy of every sample (allocating; off for allocation tests).
 */
final class PacedController implements CongestionController {
    final long rateBytesPerSecond;
    int window;
    /** Whether to copy samples into {@link #acks} and {@link #losses}. */
    boolean recording;
    final List<String> losses = new ArrayList<>();
    /** Per acknowledging datagram: now, rtt, delivered, interval, appLimited (0/1), cumulativeAdvanced (0/1). */
    final List<long[]> acks = new ArrayList<>();
    final int[] lossesByCause = new int[LossSample.Cause.values().length];
    long sentBytes;

    PacedController(long rateBytesPerSecond, int window) {
        this.rateBytesPerSecond = rateBytesPerSecond;
        this.window = window;
    }

    @Override
    public int congestionWindow() {
        return window;
    }

    @Override
    public long pacingRate() {
        return rateBytesPerSecond;
    }

    @Override
    public int slowStartThreshold() {
        return 0;
    }

    @Override
    public void onSent(long nowMicros, int bytes, boolean retransmission) {
        sentBytes += bytes;
    }

    @Override
    public void onAcknowledged(AckSample ack) {
        if (recording) {
            acks.add(new long[] {ack.nowMicros(), ack.rttMicros(), ack.deliveredBytes(), ack.intervalMicros(),
                ack.appLimited() ? 1 : 0, ack.cumulativeAdvanced() ? 1 : 0});
        }
    }

    @Override
    public void onLost(LossSample loss) {
        lossesByCause[loss.cause().ordinal()] += loss.lostSegments();
        if (recording) {
            losses.add(loss.toString());
        }
    }
}
