package io.uxp.cc.bbr;

import io.uxp.testkit.MutableAckSample;
import io.uxp.testkit.MutableLossSample;

/**
 * Feeds a controller whole rounds of acknowledgements with chosen samples, no path behind them: each round is
 * {@link #ACKS_PER_ROUND} acknowledgements of one segment spread over one RTT, every one carrying the same
 * delivery-rate sample and RTT, with prior-delivered counts that end exactly one round per round.
 */
final class SyntheticRounds {

    static final int ACKS_PER_ROUND = 36;

    final BbrController cc;
    final MutableAckSample ack = new MutableAckSample();
    final MutableLossSample loss = new MutableLossSample();
    final int segmentBytes;
    long nowMicros;
    /** Bytes in flight each acknowledgement reports; one round's worth unless a test says otherwise. */
    long bytesInFlight;
    /** Segments each acknowledgement covers (1 unless a test says otherwise): more make the ACKs outrun the rate. */
    int segmentsPerAck = 1;
    /** Runs after every acknowledgement, to watch the controller within a round; none unless a test sets one. */
    Runnable afterEachAck = () -> { };
    private long delivered;
    private long deliveredAtPreviousRoundStart;

    SyntheticRounds() {
        this.cc = (BbrController) new BbrCongestionProvider().newController(PathSimulator.MSS_BYTES);
        this.segmentBytes = cc.segmentBytes();
        this.bytesInFlight = (long) ACKS_PER_ROUND * segmentBytes;
    }

    /**
     * @param rateBytesPerSecond the delivery-rate sample of every acknowledgement
     * @param rttMicros the RTT sample of every acknowledgement, also the round's length
     */
    void round(long rateBytesPerSecond, long rttMicros) {
        long roundStart = delivered;
        long ackBytes = (long) segmentsPerAck * segmentBytes;
        for (int j = 0; j < ACKS_PER_ROUND; j++) {
            nowMicros += rttMicros / ACKS_PER_ROUND;
            delivered += ackBytes;
            ack.nowMicros = nowMicros;
            ack.rttMicros = rttMicros;
            ack.ackedBytes = ackBytes;
            ack.deliveredBytes = ACKS_PER_ROUND * ackBytes;
            ack.intervalMicros = ack.deliveredBytes * 1_000_000L / rateBytesPerSecond;
            // segments acknowledged in this round were sent during the previous one; the first flight before any
            ack.priorDeliveredBytes = roundStart == 0 ? 0 : deliveredAtPreviousRoundStart + j * ackBytes;
            ack.totalDeliveredBytes = delivered;
            ack.bytesInFlight = bytesInFlight;
            cc.onAcknowledged(ack);
            afterEachAck.run();
        }
        deliveredAtPreviousRoundStart = roundStart + ackBytes;
    }
}
