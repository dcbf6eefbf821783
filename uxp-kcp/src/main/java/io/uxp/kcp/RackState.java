package io.uxp.kcp;

/**
 * RACK's record of the most recently sent segment that was delivered (RFC 8985 section 6.2, step 2:
 * {@code RACK.xmit_ts}, {@code RACK.end_seq}, {@code RACK.rtt}), and the loss rule built on it (step 5): a segment
 * sent before that one is lost once {@code now >= sent + RACK.rtt + reoWnd}. A KCP segment carries one sequence
 * number, so its {@code end_seq} is its {@code sn}. Times in microseconds.
 */
final class RackState {
    private boolean valid;
    private long xmitMicros;
    private int endSn;
    private long rttMicros;

    /**
     * RFC 8985 {@code RACK_sent_after}: whether (t1, sn1) was sent after (t2, sn2); the sequence number breaks a
     * tie of timestamps (wrap-safe).
     */
    static boolean sentAfter(long t1, int sn1, long t2, int sn2) {
        return t1 > t2 || (t1 == t2 && sn1 - sn2 > 0);
    }

    /**
     * Records the newest-sent segment an acknowledgement delivered, with its RTT.
     *
     * @param sentMicros its latest transmission
     * @param sn its sequence number
     * @param rtt now minus {@code sentMicros}
     */
    void update(long sentMicros, int sn, long rtt) {
        rttMicros = rtt;
        if (!valid || sentAfter(sentMicros, sn, xmitMicros, endSn)) {
            valid = true;
            xmitMicros = sentMicros;
            endSn = sn;
        }
    }

    /**
     * @param s a segment in flight (sent, neither acknowledged nor declared lost)
     * @param reorderWindowMicros the current reordering window
     * @return when {@code s} counts as lost, or {@link Long#MAX_VALUE} if no later-sent segment was delivered yet
     */
    long lossDeadline(Segment s, long reorderWindowMicros) {
        if (!valid || !sentAfter(xmitMicros, endSn, s.sentMicros, s.sn)) {
            return Long.MAX_VALUE;
        }
        return s.sentMicros + rttMicros + reorderWindowMicros;
    }

    /** @return whether any delivery has been recorded */
    boolean valid() {
        return valid;
    }

    long rttMicros() {
        return rttMicros;
    }
}
