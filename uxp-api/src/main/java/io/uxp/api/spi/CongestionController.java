package io.uxp.api.spi;

/**
 * One connection's congestion state. The KCP engine tells it what happened to every segment (sent,
 * acknowledged with a delivery-rate sample, declared lost) and obeys its two outputs: a congestion window and
 * a pacing rate. The shape is that of Linux's {@code tcp_congestion_ops.cong_control} with its
 * {@code rate_sample} (and of quiche's recovery module): small, and enough for BBR as well as Reno.
 *
 * <p>Units: times are microseconds on the engine's monotonic clock, sizes are bytes of KCP segments on the wire
 * (the 24-byte segment header plus payload), windows are segments. The engine allows a new or retransmitted
 * segment onto the wire only while the segments in flight stay under {@link #congestionWindow()} (see the
 * engine's documentation for what counts as in flight) and, when {@link #pacingRate()} is positive, no faster
 * than that rate. Acknowledgements and window probes are never held back.
 *
 * <p>One thread at a time (the engine's: its worker, or a sending thread the worker lent its loop to; docs/SPI.md).
 * The {@link AckSample} and {@link LossSample} passed in are reused by the engine: read them during the call, never
 * keep them. No method may allocate in steady state or throw.
 */
public interface CongestionController {

    /** @return segments that may be in flight; {@link Integer#MAX_VALUE} for no congestion limit */
    int congestionWindow();

    /**
     * @return the rate at which the engine releases segments, in bytes per second; 0 for no pacing (the engine
     *     then sends everything the window admits at each flush, as the reference KCP does)
     */
    long pacingRate();

    /** @return the slow-start threshold, in segments, for status reports (0 if the algorithm has none) */
    int slowStartThreshold();

    /**
     * A segment was put on the wire.
     *
     * @param nowMicros the current time
     * @param bytes the segment's size on the wire
     * @param retransmission whether the segment had been sent before
     */
    void onSent(long nowMicros, int bytes, boolean retransmission);

    /**
     * An incoming datagram acknowledged at least one segment (selectively or cumulatively); called once per
     * datagram, after the engine processed all of it.
     *
     * @param ack what was acknowledged, with the RTT and delivery-rate samples it yields
     */
    void onAcknowledged(AckSample ack);

    /**
     * The engine declared segments lost and will retransmit them; called at most once per cause in one flush.
     *
     * @param loss what was declared lost, and why
     */
    void onLost(LossSample loss);
}
