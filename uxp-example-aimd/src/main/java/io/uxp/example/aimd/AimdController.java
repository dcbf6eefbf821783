package io.uxp.example.aimd;

import io.uxp.api.spi.CongestionController;

/** One connection's AIMD window. Driven by the KCP engine on its owner thread; allocates nothing. */
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
    public void onAcknowledged(int remoteWindow, long nowMillis) {
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
    public void onFastRetransmit(int inFlight, int resendThreshold, long nowMillis) {
        window = Math.max(MIN_WINDOW, window / 2);
        acknowledged = 0;
    }

    @Override
    public void onTimeout(int windowInUse, long nowMillis) {
        window = MIN_WINDOW;
        acknowledged = 0;
    }

    @Override
    public void onRttSample(int rttMillis, long nowMillis) {
        // loss-based: the window does not depend on RTT
    }
}
