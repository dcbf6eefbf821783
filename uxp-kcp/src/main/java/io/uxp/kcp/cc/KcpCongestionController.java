package io.uxp.kcp.cc;

import io.uxp.api.spi.AckSample;
import io.uxp.api.spi.CongestionController;
import io.uxp.api.spi.LossSample;

/**
 * The reference KCP's congestion window ({@code ikcp.c}: {@code cwnd}, {@code ssthresh}, {@code incr}): slow start
 * up to {@code ssthresh}, then congestion avoidance growing {@code incr} by about one mss per window, both clamped
 * to the peer's window; on a fast retransmit {@code ssthresh = inflight / 2} and {@code cwnd = ssthresh + resend};
 * on a timeout {@code ssthresh = window / 2} and {@code cwnd = 1}. In SPI terms: it grows only on acknowledgements
 * that advance the cumulative acknowledgement ({@link AckSample#cumulativeAdvanced()}), treats a
 * {@link LossSample.Cause#DUPLICATE_ACKS} or {@link LossSample.Cause#TIME_THRESHOLD} loss as the reference's fast
 * retransmit (with {@link LossSample#segmentsOutstanding()} as {@code inflight}) and a
 * {@link LossSample.Cause#TIMEOUT} as its timeout (halving {@link LossSample#windowInUse()}). It does not pace and
 * ignores RTT and rate samples.
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
    public long pacingRate() {
        return 0;
    }

    @Override
    public void onSent(long nowMicros, int bytes, boolean retransmission) {
        // the reference's window does not depend on transmissions
    }

    @Override
    public void onAcknowledged(AckSample ack) {
        if (ack.cumulativeAdvanced()) {
            grow(ack.remoteWindow());
        }
    }

    @Override
    public void onLost(LossSample loss) {
        if (loss.cause() == LossSample.Cause.TIMEOUT) {
            ssthresh = Math.max(loss.windowInUse() / 2, MIN_SSTHRESH);
            cwnd = 1;
            incr = mss;
        } else {
            // reference ikcp_flush after a fast retransmit: ssthresh = inflight / 2, cwnd = ssthresh + resend
            ssthresh = Math.max(loss.segmentsOutstanding() / 2, MIN_SSTHRESH);
            cwnd = (int) Math.min((long) ssthresh + loss.fastResend(), Integer.MAX_VALUE);
            incr = (long) cwnd * mss;
        }
    }

    /** Reference {@code ikcp_input}'s window growth after {@code snd_una} advanced. */
    private void grow(int remoteWindow) {
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
}
