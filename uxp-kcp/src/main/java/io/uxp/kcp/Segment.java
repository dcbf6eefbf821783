package io.uxp.kcp;

/**
 * One pooled KCP segment: header fields, payload and the sender's retransmission and rate-sampling bookkeeping
 * (the latter in the manner of Linux {@code tcp_rate.c}'s per-skb {@code tx} state). Instances are recycled by
 * the engine, and the payload array only grows, so steady-state traffic allocates nothing. Times are the engine's
 * microseconds; {@link #ts} is the wire timestamp (low 32 bits of milliseconds) of the latest transmission.
 */
final class Segment {
    /** No loss declared (value of {@link #lossCause}). */
    static final int NOT_LOST = -1;

    int frg;
    int ts;
    int sn;
    int len;
    /** Time of the next retransmission by timeout. */
    long resendAtMicros;
    int rtoMillis;
    int fastAck;
    int transmissions;
    /**
     * Transmissions that count towards the dead link: all of them in reference mode; in modern mode the first
     * and those after a timeout only, since a RACK retransmission follows the acknowledgement of a later segment.
     */
    int deadLinkTransmissions;
    byte[] data;
    /** Time of the latest transmission. */
    long sentMicros;
    /** Bytes the connection had delivered when this segment was last sent (Linux {@code tx.delivered}). */
    long deliveredAtSend;
    /** When the connection last delivered bytes, as of this segment's last send ({@code tx.delivered_mstamp}). */
    long deliveredMicrosAtSend;
    /** Start of the send phase this segment belongs to ({@code tx.first_tx_mstamp}). */
    long firstSentMicrosAtSend;
    /** Whether the connection was application-limited when this segment was last sent. */
    boolean appLimitedAtSend;
    /**
     * The {@link io.uxp.api.spi.LossSample.Cause} ordinal under which this segment was declared lost and awaits its
     * retransmission (it is then not in flight), or {@link #NOT_LOST}.
     */
    int lossCause = NOT_LOST;
    /**
     * Wire timestamp and send time of the transmission before the latest, when the latest was a retransmission by
     * timeout: an acknowledgement echoing {@link #timedOutTs} shows that timeout was spurious (Eifel detection,
     * RFC 3522: the original arrived, only later than the RTO). {@code timedOutSentMicros} is -1 otherwise.
     */
    int timedOutTs;
    long timedOutSentMicros = -1;

    Segment(int capacity) {
        data = new byte[capacity];
    }

    /** @return the segment's size on the wire: the 24-byte header plus payload */
    int wireBytes() {
        return SegmentCodec.HEADER_BYTES + len;
    }

    /** @return whether the segment has been declared lost and not yet retransmitted */
    boolean awaitingRetransmission() {
        return lossCause != NOT_LOST;
    }

    /** Makes room for {@code capacity} payload bytes, keeping the current payload. */
    void ensureCapacity(int capacity) {
        if (data.length < capacity) {
            data = java.util.Arrays.copyOf(data, Math.max(capacity, data.length * 2));
        }
    }

    /** Clears every field but the payload array. */
    void reset() {
        frg = 0;
        ts = 0;
        sn = 0;
        len = 0;
        resendAtMicros = 0;
        rtoMillis = 0;
        fastAck = 0;
        transmissions = 0;
        deadLinkTransmissions = 0;
        sentMicros = 0;
        deliveredAtSend = 0;
        deliveredMicrosAtSend = 0;
        firstSentMicrosAtSend = 0;
        appLimitedAtSend = false;
        lossCause = NOT_LOST;
        timedOutTs = 0;
        timedOutSentMicros = -1;
    }
}
