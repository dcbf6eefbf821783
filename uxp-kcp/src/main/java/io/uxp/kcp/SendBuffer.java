package io.uxp.kcp;

/**
 * The sending half of a KCP engine: segments waiting to enter the window ({@code snd_queue}) and segments in
 * flight ({@code snd_buf}, sequence numbers {@code [una, nxt)}), with the reference's fragmentation, stream
 * coalescing and acknowledgement bookkeeping ({@code ikcp_send}, {@code ikcp_parse_una}, {@code ikcp_parse_ack},
 * {@code ikcp_shrink_buf}, {@code ikcp_parse_fastack}). Every acknowledged segment is reported to the
 * {@link DeliveryTracker} before it is recycled.
 */
final class SendBuffer {
    private final SegmentPool pool;
    private final DeliveryTracker tracker;
    private final SegmentQueue queue;
    private final SequenceWindow inFlight;
    private final int mss;
    private final boolean streamMode;
    /** Oldest unacknowledged sequence number (reference {@code snd_una}). */
    private int una;
    /** Next sequence number to assign (reference {@code snd_nxt}). */
    private int nxt;
    /** Segments numbered into the window but not yet sent once (they wait for the pacer or the window). */
    private int unsent;
    /** The ACK of the datagram being read that counts for fast resend, while {@code fastAckChosen}. */
    private boolean fastAckChosen;
    private int fastAckSn;
    private int fastAckTs;

    SendBuffer(SegmentPool pool, DeliveryTracker tracker, int sendWindow, int mss, boolean streamMode) {
        this.pool = pool;
        this.tracker = tracker;
        this.queue = new SegmentQueue();
        this.inFlight = new SequenceWindow(sendWindow);
        this.mss = mss;
        this.streamMode = streamMode;
    }

    int una() {
        return una;
    }

    int nxt() {
        return nxt;
    }

    int queued() {
        return queue.size();
    }

    int inFlightCount() {
        return inFlight.count();
    }

    /** @return segments in {@code [una, nxt)} never sent yet */
    int unsent() {
        return unsent;
    }

    /** Counts the first transmission of a segment that {@link #admitNext} numbered. */
    void markFirstSent() {
        unsent--;
    }

    /** @return the window's slot count, for tests */
    int windowCapacity() {
        return inFlight.capacity();
    }

    /** Gives back the window's slots while nothing is in it (see {@link SequenceWindow#shrinkTo}). */
    void shrinkWindowTo(int window) {
        inFlight.shrinkTo(window);
    }

    void startAt(int sn) {
        una = sn;
        nxt = sn;
    }

    /** @return the unacknowledged segment with sequence number {@code sn}, or {@code null} */
    Segment inFlight(int sn) {
        return inFlight.get(sn);
    }

    /**
     * Splits bytes into queued segments; in stream mode they first fill the last queued segment.
     *
     * @param maxFragments most segments one message may take (message mode only)
     * @return {@link KcpEngine#OK} or {@link KcpEngine#MESSAGE_TOO_LARGE} (nothing queued)
     */
    int enqueue(byte[] src, int off, int len, int maxFragments) {
        if (streamMode) {
            Segment last = queue.peekLast();
            if (last != null && last.len < mss) {
                int extend = Math.min(len, mss - last.len);
                System.arraycopy(src, off, last.data, last.len, extend);
                last.len += extend;
                off += extend;
                len -= extend;
            }
            if (len == 0) {
                return KcpEngine.OK;
            }
        }
        int count = len <= mss ? 1 : (len + mss - 1) / mss;
        if (!streamMode && count > maxFragments) {
            return KcpEngine.MESSAGE_TOO_LARGE;
        }
        for (int i = 0; i < count; i++) {
            int size = Math.min(len, mss);
            Segment s = pool.take(size);
            System.arraycopy(src, off, s.data, 0, size);
            s.len = size;
            s.frg = streamMode ? 0 : count - i - 1;
            queue.addLast(s);
            off += size;
            len -= size;
        }
        return KcpEngine.OK;
    }

    /**
     * Numbers the first queued segment into the window, if any.
     *
     * @param rtoMillis the current RTO, the segment's starting timeout
     * @return whether a segment was admitted
     */
    boolean admitNext(long nowMicros, int rtoMillis) {
        if (queue.isEmpty()) {
            return false;
        }
        Segment s = queue.pollFirst();
        s.sn = nxt++;
        s.resendAtMicros = nowMicros;
        s.rtoMillis = rtoMillis;
        s.fastAck = 0;
        s.transmissions = 0;
        s.deadLinkTransmissions = 0;
        s.lossCause = Segment.NOT_LOST;
        inFlight.put(s);
        unsent++;
        return true;
    }

    /** Drops every segment before {@code peerUna}, the peer's next expected sequence number. */
    void acknowledgeUpTo(int peerUna, long nowMicros) {
        while (una != nxt && peerUna - una > 0) {
            Segment s = inFlight.remove(una);
            if (s != null) {
                release(s, nowMicros, false);
            }
            una++;
        }
        advanceUna();
    }

    /**
     * Drops the one segment {@code sn}, if in flight.
     *
     * @param echoTs the timestamp the ACK echoed, matched against the segment's latest transmission
     */
    void acknowledge(int sn, int echoTs, long nowMicros) {
        if (sn - una >= 0 && sn - nxt < 0) {
            Segment s = inFlight.remove(sn);
            if (s != null) {
                if (s.timedOutSentMicros >= 0 && s.ts != echoTs && s.timedOutTs == echoTs) {
                    tracker.onSpuriousTimeout(nowMicros - s.timedOutSentMicros, nowMicros);
                }
                release(s, nowMicros, s.transmissions > 0 && s.ts == echoTs);
            }
            advanceUna();
        }
    }

    /**
     * Offers an ACK of the datagram being read for the fast-resend count: the first is taken; after it, only an ACK
     * of a higher sequence number whose timestamp is also newer (reference {@code ikcp_input} with
     * IKCP_FASTACK_CONSERVE: following the newest timestamp alone would differ in fast mode).
     */
    void chooseFastAck(int sn, int ts) {
        if (!fastAckChosen || sn - fastAckSn > 0 && ts - fastAckTs > 0) {
            fastAckChosen = true;
            fastAckSn = sn;
            fastAckTs = ts;
        }
    }

    /** Ends the datagram: with {@code count}, counts its chosen ACK ({@link #countFastAcks}); forgets the choice. */
    void endFastAckChoice(boolean count) {
        if (fastAckChosen && count) {
            countFastAcks(fastAckSn, fastAckTs);
        }
        fastAckChosen = false;
    }

    /**
     * Counts a skip for every unacknowledged segment before {@code maxAck} that was last sent no later than the
     * acknowledged one ({@code ackTs}), so an acknowledgement of an old transmission does not count against a
     * newer retransmission (reference IKCP_FASTACK_CONSERVE, defined in {@code ikcp.c}; kcp-go does the same).
     */
    void countFastAcks(int maxAck, int ackTs) {
        if (maxAck - una < 0 || maxAck - nxt >= 0) {
            return;
        }
        for (int sn = una; sn != maxAck; sn++) {
            Segment s = inFlight.get(sn);
            if (s != null && ackTs - s.ts >= 0) {
                s.fastAck++;
            }
        }
    }

    private void advanceUna() {
        while (una != nxt && inFlight.get(una) == null) {
            una++;
        }
    }

    private void release(Segment s, long nowMicros, boolean echoMatches) {
        if (s.transmissions == 0) {
            unsent--;
        }
        tracker.onAcknowledged(s, nowMicros, echoMatches);
        pool.release(s);
    }
}
