package io.uxp.example.aimd;

import io.uxp.api.spi.AckSample;
import io.uxp.api.spi.CongestionController;
import io.uxp.api.spi.LossSample;

/**
 * One connection's AIMD window, in segments: one more per window of acknowledgements that advance the cumulative
 * acknowledgement, half on a loss found by duplicate acknowledgements or by time, the floor on a timeout. No pacing.
 * Driven by the KCP engine on its owner thread; allocates nothing.
 */
final class AimdController implements CongestionController {

    /** Segments the window starts with and never falls below: enough to keep acknowledgements flowing. */
    static final int MIN_WINDOW = 4;

    private int window = MIN_WINDOW;
    /** Acknowledgements counted towards the next one-segment increase. */
    private int acknowledged;

    @Override
    public int congestionWindow() {
        return window;
    }

    @Override
    public int slowStartThreshold() {
        return 0; // AIMD has no slow start
    }

    @Override
    public long pacingRate() {
        return 0; // window-based only
    }

    @Override
    public void onSent(long nowMicros, int bytes, boolean retransmission) {
        // loss-based: transmissions do not move the window
    }

    @Override
    public void onAcknowledged(AckSample ack) {
        if (!ack.cumulativeAdvanced()) {
            return; // count progress of the oldest unacknowledged segment only, as the reference KCP does
        }
        int remoteWindow = ack.remoteWindow();
        if (window >= remoteWindow) {
            window = Math.max(MIN_WINDOW, remoteWindow);
            return;
        }
        if (++acknowledged >= window) {
            acknowledged = 0;
            window++;
        }
    }

    @Override
    public void onLost(LossSample loss) {
        if (loss.cause() == LossSample.Cause.TIMEOUT) {
            window = MIN_WINDOW;
        } else {
            // duplicate acknowledgements or RACK's time threshold: the path dropped one, the pipe still flows
            window = Math.max(MIN_WINDOW, window / 2);
        }
        acknowledged = 0;
    }
}
