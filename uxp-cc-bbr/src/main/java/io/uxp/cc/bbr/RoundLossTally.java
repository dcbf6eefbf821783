package io.uxp.cc.bbr;

import static io.uxp.cc.bbr.BbrParameters.LOSS_THRESHOLD;
import static io.uxp.cc.bbr.BbrParameters.QUEUE_RTT_FACTOR;

/**
 * One round's losses, deliveries and RTT samples, and the judgement at its end: was it congestion? A round is
 * congested when more than {@value BbrParameters#LOSS_THRESHOLD} of its bytes were lost <em>and</em> its mean
 * RTT exceeds {@value BbrParameters#QUEUE_RTT_FACTOR} x min RTT, that is when the loss came with a queue. Random
 * loss on a path without a queue never qualifies. Losses of segments sent before the last congestion response
 * are not counted: they are old news.
 */
final class RoundLossTally {

    private long ackedBytes;
    private long lostBytes;
    private long rttSumMicros;
    private int rttSamples;
    private long maxInflightBytes;
    private long lastResponseMicros = Long.MIN_VALUE;

    /**
     * @param acked bytes this acknowledgement acknowledged
     * @param inflightAfter bytes in flight after it
     * @param rttMicros its RTT sample, -1 if none
     */
    void onAcknowledged(long acked, long inflightAfter, long rttMicros) {
        ackedBytes += acked;
        maxInflightBytes = Math.max(maxInflightBytes, inflightAfter + acked);
        if (rttMicros >= 0) {
            rttSumMicros += rttMicros;
            rttSamples++;
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
     * Judges the round that just ended and starts the next; when it was congested, the caller responds now.
     *
     * @param nowMicros the current time, remembered as the last response when congested
     * @param minRttMicros the path's min RTT, -1 if unknown
     * @return the most bytes seen in flight during the round if it was congested, else -1
     */
    long endRound(long nowMicros, long minRttMicros) {
        long congestedInflight = -1;
        if (lostBytes > 0 && rttSamples > 0 && minRttMicros > 0) {
            double lossRate = (double) lostBytes / (ackedBytes + lostBytes);
            double meanRttMicros = (double) rttSumMicros / rttSamples;
            if (lossRate > LOSS_THRESHOLD && meanRttMicros > QUEUE_RTT_FACTOR * minRttMicros) {
                congestedInflight = maxInflightBytes;
                lastResponseMicros = nowMicros;
            }
        }
        ackedBytes = 0;
        lostBytes = 0;
        rttSumMicros = 0;
        rttSamples = 0;
        maxInflightBytes = 0;
        return congestedInflight;
    }
}
