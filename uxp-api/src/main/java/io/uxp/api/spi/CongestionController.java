package io.uxp.api.spi;

/**
 * One connection's congestion state. The KCP engine asks {@link #congestionWindow()} before sending and
 * reports what happened; the effective send window is the minimum of this, the local send window and
 * the peer's receive window. One owner thread (the engine's); no allocation per call.
 */
public interface CongestionController {

    /** @return segments that may be in flight; {@link Integer#MAX_VALUE} for no congestion limit */
    int congestionWindow();

    /** @return the slow-start threshold, in segments, for status reports (0 if the algorithm has none) */
    int slowStartThreshold();

    /**
     * The peer acknowledged new data: the engine's oldest unacknowledged segment advanced.
     *
     * @param remoteWindow the peer's advertised receive window, in segments
     * @param nowMillis the current time
     */
    void onAcknowledged(int remoteWindow, long nowMillis);

    /**
     * The engine fast-retransmitted segments because later ones were acknowledged.
     *
     * @param inFlight segments sent and not yet acknowledged
     * @param resendThreshold the duplicate-acknowledgement count that triggers a fast retransmit
     * @param nowMillis the current time
     */
    void onFastRetransmit(int inFlight, int resendThreshold, long nowMillis);

    /**
     * A segment's retransmission timeout expired.
     *
     * @param windowInUse the window the engine sent with: the minimum of the send window, the peer's receive
     *     window and {@link #congestionWindow()}, in segments (the reference halves this into ssthresh)
     * @param nowMillis the current time
     */
    void onTimeout(int windowInUse, long nowMillis);

    /**
     * A round-trip time was measured from an acknowledgement.
     *
     * @param rttMillis the sample, in milliseconds
     * @param nowMillis the current time
     */
    void onRttSample(int rttMillis, long nowMillis);
}
