package io.uxp.api;

/**
 * A snapshot of a KCP engine's state, as the reference KCP exposes it. Windows and queues count
 * segments; times are milliseconds.
 *
 * @param srttMillis smoothed round-trip time
 * @param rttVarMillis round-trip time variation
 * @param rtoMillis current retransmission timeout
 * @param congestionWindow congestion window, in segments
 * @param slowStartThreshold slow-start threshold, in segments
 * @param sendWindow local send window, in segments
 * @param receiveWindow local receive window, in segments
 * @param remoteWindow the peer's last advertised receive window, in segments
 * @param sendQueue segments waiting to enter the send window
 * @param sendBuffer segments sent and not yet acknowledged
 * @param receiveQueue segments ready for the application
 * @param receiveBuffer segments received out of order
 * @param segmentsSent segments put on the wire, retransmissions included
 * @param fastRetransmissions segments resent because later segments were acknowledged
 * @param timeoutRetransmissions segments resent because their RTO expired
 * @param pacingRate the congestion controller's pacing rate, in bytes per second (0: not paced)
 * @param bytesInFlight bytes sent and neither acknowledged nor declared lost
 * @param minRttMicros the smallest round-trip time measured, in microseconds (0 before any sample)
 */
public record ArqStats(
        int srttMillis,
        int rttVarMillis,
        int rtoMillis,
        int congestionWindow,
        int slowStartThreshold,
        int sendWindow,
        int receiveWindow,
        int remoteWindow,
        int sendQueue,
        int sendBuffer,
        int receiveQueue,
        int receiveBuffer,
        long segmentsSent,
        long fastRetransmissions,
        long timeoutRetransmissions,
        long pacingRate,
        long bytesInFlight,
        long minRttMicros) {

    /** @return all retransmissions, fast and by timeout */
    public long retransmissions() {
        return fastRetransmissions + timeoutRetransmissions;
    }
}
