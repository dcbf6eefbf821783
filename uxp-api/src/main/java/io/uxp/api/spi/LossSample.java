package io.uxp.api.spi;

/**
 * Segments the engine declared lost in one flush, for one {@link Cause}. A view the engine fills in place and
 * reuses; valid only during {@link CongestionController#onLost}. Times are microseconds, sizes bytes of KCP
 * segments on the wire, windows segments.
 *
 * <p>A segment that forward error correction rebuilt at the peer is acknowledged like any other and never
 * appears here, as long as the rebuilt copy is acknowledged within the engine's reordering window.
 */
public interface LossSample {

    /** Why segments were declared lost. */
    enum Cause {
        /** Later segments were acknowledged {@code fastResend} times (the reference KCP's fast retransmit). */
        DUPLICATE_ACKS,
        /** A segment sent sufficiently later was acknowledged (time-based detection in the manner of RACK, RFC 8985). */
        TIME_THRESHOLD,
        /** The retransmission timeout expired. */
        TIMEOUT
    }

    /** @return the current time */
    long nowMicros();

    /** @return why the segments were declared lost */
    Cause cause();

    /** @return segments declared lost for this cause in this flush */
    int lostSegments();

    /** @return their bytes */
    long lostBytes();

    /** @return the latest time at which one of them had been sent (losses of segments sent before a reduction are old news) */
    long newestSentMicros();

    /** @return bytes in flight (sent, neither acknowledged nor declared lost) after the declaration */
    long bytesInFlight();

    /** @return segments between the oldest unacknowledged and the next to be numbered (the reference's {@code snd_nxt - snd_una}) */
    int segmentsOutstanding();

    /** @return the window the engine sent with: the minimum of its send window, the peer's window and the congestion window */
    int windowInUse();

    /** @return the engine's fast-retransmit trigger ({@code fastResend}, 0 when off) */
    int fastResend();
}
