package io.uxp.runtime.session;

import io.uxp.api.CloseCause;
import io.uxp.runtime.record.Frames;

/**
 * The close handshake of one connection. A graceful close first waits until KCP has no unacknowledged data (at
 * most the flush timeout), then sends a CLOSE record up to {@link #SENDS} times, one RTO apart, until the peer's
 * answering CLOSE arrives. A CLOSE is an unreliable record; the repeats make its loss unlikely and the peer's
 * idle timeout is the backstop. Worker thread only.
 */
final class Closing {

    /** CLOSE records sent before giving up on the peer's answer. */
    static final int SENDS = 3;
    /** Smallest wait between CLOSE repeats, in milliseconds; the real wait is the larger of this and the RTO. */
    static final long MIN_RESEND_MILLIS = 50;

    private CloseCause cause;
    private long flushDeadlineMillis;
    private int sends;
    private long resendAtMillis;

    /**
     * @param code a received CLOSE frame's code (docs/PROTOCOL.md section 10)
     * @param detail the peer's explanation, possibly empty
     * @return a {@code PEER_CLOSE} cause saying what the code means
     */
    static CloseCause peerClose(int code, String detail) {
        String text = switch (code) {
            case Frames.CLOSE_SERVER_SHUTDOWN -> "the server shut down";
            case Frames.CLOSE_IDLE_TIMEOUT -> "the peer timed out";
            case Frames.CLOSE_PROTOCOL_ERROR -> "the peer saw a protocol error";
            case Frames.CLOSE_INTERNAL_ERROR -> "the peer had an internal error";
            default -> "the peer closed";
        };
        return new CloseCause(CloseCause.Kind.PEER_CLOSE, detail.isEmpty() ? text : text + ": " + detail);
    }

    /** This side closes: queued data may flush until {@code now + flushTimeoutMillis}. */
    void begin(long now, long flushTimeoutMillis) {
        cause = CloseCause.of(CloseCause.Kind.LOCAL_CLOSE);
        flushDeadlineMillis = now + flushTimeoutMillis;
    }

    /** @return whether the flush is over: nothing left unacknowledged, or the deadline passed */
    boolean flushed(long now, int waitingToSend) {
        return waitingToSend == 0 || now >= flushDeadlineMillis;
    }

    long flushDeadlineMillis() {
        return flushDeadlineMillis;
    }

    /** The flush is over: send the first CLOSE now. */
    void startSending(long now) {
        sends = 0;
        resendAtMillis = now;
    }

    /**
     * The peer's CLOSE arrived: finish at the next step, with {@code peerCause} unless this side closed first.
     *
     * @param peerCause the cause when the peer closed first
     */
    void peerClosed(CloseCause peerCause) {
        if (cause == null) {
            cause = peerCause;
        }
        sends = SENDS;
        resendAtMillis = 0;
    }

    /** @return whether a CLOSE is due (or, once all were sent, whether to give up waiting) */
    boolean due(long now) {
        return now >= resendAtMillis;
    }

    /** @return whether every CLOSE was sent (or the peer answered): the connection finishes */
    boolean done() {
        return sends >= SENDS;
    }

    /** A CLOSE went out; the next is due one RTO later. */
    void sent(long now, int rtoMillis) {
        sends++;
        resendAtMillis = now + Math.max(MIN_RESEND_MILLIS, rtoMillis);
    }

    long resendAtMillis() {
        return resendAtMillis;
    }

    CloseCause cause() {
        return cause;
    }
}
