package io.uxp.api.spi;

/**
 * What one incoming datagram acknowledged, and the samples it yields: a round-trip time and a delivery rate in
 * the manner of Linux {@code tcp_rate.c} and the BBR papers (delivered bytes over the interval in which they
 * were delivered, and whether the sender was application-limited while it sent them).
 *
 * <p>A view the engine fills in place and reuses; valid only during {@link CongestionController#onAcknowledged}.
 * Times are microseconds, sizes bytes of KCP segments on the wire, windows segments.
 */
public interface AckSample {

    /** @return the current time */
    long nowMicros();

    /**
     * @return the round-trip time of the most recently sent segment this datagram acknowledged, measured from
     *     its latest transmission; -1 if no acknowledged segment gave an unambiguous sample
     */
    long rttMicros();

    /** @return bytes newly acknowledged by this datagram (selectively or cumulatively) */
    long ackedBytes();

    /**
     * @return bytes delivered over {@link #intervalMicros()}: the delivery-rate sample is
     *     {@code deliveredBytes / intervalMicros}
     */
    long deliveredBytes();

    /** @return the sample's interval; 0 or less when this datagram yields no rate sample */
    long intervalMicros();

    /**
     * @return whether the sender was application-limited (had nothing to send while the window had room)
     *     when it sent the segment this sample ends at; such a sample may underestimate the path's rate
     */
    boolean appLimited();

    /**
     * @return the total bytes delivered to the peer when the segment this sample ends at was sent (Linux's
     *     {@code prior_delivered}); a sample whose value reaches the total at the start of a round ends that round
     */
    long priorDeliveredBytes();

    /** @return the total bytes delivered on this connection, including this datagram's */
    long totalDeliveredBytes();

    /** @return bytes in flight (sent, neither acknowledged nor declared lost) after this datagram */
    long bytesInFlight();

    /** @return the peer's advertised receive window, in segments */
    int remoteWindow();

    /** @return whether the cumulative acknowledgement (the oldest unacknowledged segment) advanced */
    boolean cumulativeAdvanced();
}
