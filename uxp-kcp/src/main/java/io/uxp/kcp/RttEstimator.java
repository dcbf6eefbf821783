package io.uxp.kcp;

/**
 * Smoothed RTT, its variation and the retransmission timeout, as the reference's {@code ikcp_update_ack}
 * (Jacobson/Karels with gains 1/8 and 1/4, RTO = srtt + max(interval, 4 * rttvar), bounded). Milliseconds, as the
 * reference: its samples are wire timestamps. The engine's modern mode uses {@link DeliveryTracker}'s microsecond
 * estimate instead.
 */
final class RttEstimator {
    /** RTO before any sample (reference IKCP_RTO_DEF). */
    static final int INITIAL_RTO_MILLIS = 200;

    private final int intervalMillis;
    private final int minRtoMillis;
    private int srtt;
    private int rttVar;
    private int rto = INITIAL_RTO_MILLIS;

    RttEstimator(int intervalMillis, int minRtoMillis) {
        this.intervalMillis = intervalMillis;
        this.minRtoMillis = minRtoMillis;
    }

    /** @param rttMillis a non-negative round-trip sample */
    void sample(int rttMillis) {
        if (srtt == 0) {
            srtt = rttMillis;
            rttVar = rttMillis / 2;
        } else {
            // long arithmetic: a bogus echoed timestamp may yield a sample near 2^31
            long delta = Math.abs((long) rttMillis - srtt);
            rttVar = (int) ((3L * rttVar + delta) / 4);
            srtt = (int) Math.max(1, (7L * srtt + rttMillis) / 8);
        }
        long next = srtt + Math.max(intervalMillis, 4L * rttVar);
        rto = (int) Math.min(Math.max(next, minRtoMillis), KcpConfig.MAX_RTO_MILLIS);
    }

    int srttMillis() {
        return srtt;
    }

    int rttVarMillis() {
        return rttVar;
    }

    int rtoMillis() {
        return rto;
    }
}
