package io.uxp.kcp.cc;

import io.uxp.api.spi.CongestionController;

/**
 * The reference KCP's congestion window ({@code ikcp.c}: {@code cwnd}, {@code ssthresh}, {@code incr}): slow start
 * up to {@code ssthresh}, then congestion avoidance growing {@code incr} by about one mss per window, both clamped
 * to the peer's window; on a fast retransmit {@code ssthresh = inflight / 2} and {@code cwnd = ssthresh + resend};
 * on a timeout {@code ssthresh = window / 2} and {@code cwnd = 1}.
 *
 * <p>On a timeout the reference halves the window in use, {@code min(cwnd, snd_wnd, rmt_wnd)}; the SPI does not
 * pass that, so this halves {@code min(cwnd, last advertised remote window)}, which differs only when the local
 * send window is the smallest of the three.
 * <p>The reference starts with {@code cwnd = 0} and raises it to 1 at the end of the first flush, so its first
 * flush sends nothing new; this controller starts at 1, sending the first segment one interval earlier.
 */
final class KcpCongestionController implements CongestionController {

    /** Initial slow-start threshold (reference IKCP_THRESH_INIT). */
    static final int INITIAL_SSTHRESH = 2;
    /** Lowest slow-start threshold (reference IKCP_THRESH_MIN). */
    static final int MIN_SSTHRESH = 2;

    private final int mss;
    private int cwnd = 1;
    private int ssthresh = INITIAL_SSTHRESH;
    /** Bytes of window growth accumulated in congestion avoidance; long since cwnd * mss may pass 2^31. */
    private long incr;

    KcpCongestionController(int mssBytes) {
        this.mss = mssBytes;
        this.incr = mssBytes;
    }

    @Override
    public int congestionWindow() {
        return cwnd;
    }

    @Override
    public int slowStartThreshold() {
        return ssthresh;
    }

    @Override
    public void onAcknowledged(int remoteWindow, long nowMillis) {
        if (cwnd >= remoteWindow) {
            return;
        }
        if (cwnd < ssthresh) {
            cwnd++;
            incr += mss;
        } else {
            incr = Math.max(incr, mss);
            incr += (long) mss * mss / incr + mss / 16;
            if ((long) (cwnd + 1) * mss <= incr) {
                cwnd = (int) ((incr + mss - 1) / mss);
            }
        }
        if (cwnd > remoteWindow) {
            cwnd = remoteWindow;
            incr = (long) remoteWindow * mss;
        }
    }

    @Override
    public void onFastRetransmit(int inFlight, int resendThreshold, long nowMillis) {
        ssthresh = Math.max(inFlight / 2, MIN_SSTHRESH);
        cwnd = (int) Math.min((long) ssthresh + resendThreshold, Integer.MAX_VALUE);
        incr = (long) cwnd * mss;
    }

    @Override
    public void onTimeout(int windowInUse, long nowMillis) {
        ssthresh = Math.max(windowInUse / 2, MIN_SSTHRESH);
        cwnd = 1;
        incr = mss;
    }

    @Override
    public void onRttSample(int rttMillis, long nowMillis) {
        // the reference's window does not depend on RTT
    }
}
