package io.uxp.cc.bbr;

import static io.uxp.cc.bbr.BbrParameters.LOSS_THRESHOLD;
import static io.uxp.cc.bbr.BbrParameters.MIN_MODEL_RTT_MICROS;
import static io.uxp.cc.bbr.BbrParameters.QUEUE_RTT_FACTOR;
import static io.uxp.cc.bbr.BbrParameters.RANDOM_LOSS_GAIN;
import static io.uxp.cc.bbr.BbrParameters.RANDOM_LOSS_RTT_FACTOR;

/**
 * One round's losses, deliveries and RTT samples, and the judgement at its end: was it congestion? A round is
 * congested when more than {@value BbrParameters#LOSS_THRESHOLD} of its bytes were lost <em>and</em> even its
 * smallest RTT sample exceeds {@value BbrParameters#QUEUE_RTT_FACTOR} x min RTT, that is when the loss came with
 * a queue of at least half a min RTT that stood for the whole round. Random loss on a path without a queue never qualifies, and neither does
 * the jitter of delayed acknowledgements (KCP acknowledges once per update interval), which raises some samples
 * of a round but not all of them. Losses of segments sent before the last congestion response
 * are not counted: they are old news.
 */
final class RoundLossTally {

    private long ackedBytes;
    private long lostBytes;
    private long minRttMicros = Long.MAX_VALUE;
    private long maxInflightBytes;
    private long lastResponseMicros = Long.MIN_VALUE;
    /** Share of the bytes lost in the path, as a moving average over queue-free rounds (see {@link #randomLoss}). */
    private double randomLoss;
    /** Bytes a round must carry to enter that average. */
    private final long randomLossMinRoundBytes;

    /** @param segmentBytes bytes of one full segment on the wire */
    RoundLossTally(int segmentBytes) {
        this.randomLossMinRoundBytes = (long) BbrParameters.RANDOM_LOSS_MIN_ROUND_SEGMENTS * segmentBytes;
    }

    /**
     * @param acked bytes this acknowledgement acknowledged
     * @param inflightAfter bytes in flight after it
     * @param rttMicros its RTT sample, -1 if none
     */
    void onAcknowledged(long acked, long inflightAfter, long rttMicros) {
        ackedBytes += acked;
        maxInflightBytes = Math.max(maxInflightBytes, inflightAfter + acked);
        if (rttMicros >= 0) {
            minRttMicros = Math.min(minRttMicros, rttMicros);
        }
    }

    /**
     * @param lost bytes declared lost
     * @param inflightAfter bytes in flight after the declaration
     * @param newestSentMicros when the newest of them was sent
     * @return whether the loss counts (it was sent after the last congestion response)
     */
    boolean onLost(long lost, long inflightAfter, long newestSentMicros) {
        if (newestSentMicros <= lastResponseMicros) {
            return false;
        }
        lostBytes += lost;
        maxInflightBytes = Math.max(maxInflightBytes, inflightAfter + lost);
        return true;
    }

    /**
     * The share of bytes the path loses while no queue stands: a moving average (gain
     * {@value BbrParameters#RANDOM_LOSS_GAIN}) of the loss share of rounds whose smallest RTT was within
     * {@value BbrParameters#RANDOM_LOSS_RTT_FACTOR} x min RTT, rounds that were not congested and carried at least
     * {@value BbrParameters#RANDOM_LOSS_MIN_ROUND_SEGMENTS} full segments' bytes. Loss that comes with a queue does
     * not enter it.
     *
     * @return that share, 0 to 1
     */
    double randomLoss() {
        return randomLoss;
    }

    /**
     * Judges the round that just ended and starts the next; when it was congested, the caller responds now.
     *
     * @param nowMicros the current time, remembered as the last response when congested
     * @param pathMinRttMicros the path's min RTT, -1 if unknown
     * @return the most bytes seen in flight during the round if it was congested, else -1
     */
    long endRound(long nowMicros, long pathMinRttMicros) {
        long congestedInflight = -1;
        if (minRttMicros != Long.MAX_VALUE && pathMinRttMicros >= 0) {
            double lossRate = (double) lostBytes / (ackedBytes + lostBytes);
            long queueFreeRttMicros = Math.max(pathMinRttMicros, MIN_MODEL_RTT_MICROS);
            if (lostBytes > 0 && lossRate > LOSS_THRESHOLD && minRttMicros > QUEUE_RTT_FACTOR * queueFreeRttMicros) {
                congestedInflight = maxInflightBytes;
                lastResponseMicros = nowMicros;
            } else if (minRttMicros <= RANDOM_LOSS_RTT_FACTOR * queueFreeRttMicros
                    && ackedBytes + lostBytes >= randomLossMinRoundBytes) {
                randomLoss += (lossRate - randomLoss) * RANDOM_LOSS_GAIN;
            }
        }
        ackedBytes = 0;
        lostBytes = 0;
        minRttMicros = Long.MAX_VALUE;
        maxInflightBytes = 0;
        return congestedInflight;
    }
}
