package io.uxp.cc.bbr;

/**
 * The ACK aggregation estimate of draft-ietf-ccwg-bbr ({@code BBRUpdateACKAggregation}, {@code BBR.extra_acked}):
 * how many bytes arrive acknowledged beyond what the bandwidth estimate explains, as a windowed maximum over the
 * last ten rounds. Acknowledgements come in bunches when the receiver or the path batches them (here: KCP
 * flushes acknowledgements once per batch of datagrams, and worker threads on a busy host wake late), and a
 * window of exactly {@code gain x BDP} would then stall the sender between bunches; adding this estimate keeps
 * data flowing while it waits for the next bunch. Like Linux's {@code bbr_update_ack_aggregation}, one epoch
 * spans at most 100 ms of the bandwidth estimate, so the extra window stays bounded.
 */
final class AckAggregation {

    /** Rounds the maximum spans (draft: BBRExtraAckedFilterLen = 10). */
    static final int FILTER_ROUNDS = 10;
    /** Longest epoch the extra window may cover, in microseconds (Linux: bbr_extra_acked_max_us = 100 ms). */
    static final long MAX_EPOCH_MICROS = 100_000L;

    private final MaxBandwidthFilter extraAcked = new MaxBandwidthFilter(FILTER_ROUNDS);
    private long epochStartMicros = -1;
    private long epochAckedBytes;

    /**
     * @param nowMicros the current time
     * @param ackedBytes bytes this acknowledgement newly acknowledged
     * @param bandwidth the current bandwidth estimate, bytes per second
     * @param round the current round count
     * @param cwndBytes the current window, which bounds one sample
     */
    void update(long nowMicros, long ackedBytes, long bandwidth, long round, long cwndBytes) {
        if (bandwidth <= 0) {
            return;
        }
        if (epochStartMicros < 0) {
            epochStartMicros = nowMicros;
        }
        long elapsed = Math.min(nowMicros - epochStartMicros, MAX_EPOCH_MICROS);
        long expected = bandwidth * elapsed / BbrParameters.MICROS_PER_SECOND;
        if (epochAckedBytes <= expected || nowMicros - epochStartMicros > MAX_EPOCH_MICROS) {
            // acknowledgements kept up with (or fell behind) the estimate: a new epoch starts here
            epochAckedBytes = 0;
            epochStartMicros = nowMicros;
            expected = 0;
        }
        epochAckedBytes += ackedBytes;
        long extra = Math.min(epochAckedBytes - expected, cwndBytes);
        extraAcked.update(round, Math.min(extra, bandwidth * MAX_EPOCH_MICROS / BbrParameters.MICROS_PER_SECOND));
    }

    /** @return the extra bytes to allow in flight, 0 before any estimate */
    long extraBytes() {
        return extraAcked.max();
    }
}
