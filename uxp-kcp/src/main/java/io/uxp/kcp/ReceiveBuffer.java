package io.uxp.kcp;

/**
 * The receiving half of a KCP engine: out-of-order segments ({@code rcv_buf}), in-order segments ready for the
 * application ({@code rcv_queue}), reassembly of fragmented messages, and the free window advertised to the peer
 * (reference {@code ikcp_parse_data}, {@code ikcp_recv}, {@code ikcp_peeksize}, {@code ikcp_wnd_unused}). With a
 * {@link ReceiveWindowTuner} the advertised window follows what the peer uses instead of the configured window,
 * which still bounds what is accepted.
 */
final class ReceiveBuffer {
    private final SegmentPool pool;
    private final SequenceWindow outOfOrder;
    private final SegmentQueue ready;
    private final int window;
    private final boolean streamMode;
    /** Sizes the advertised window in modern mode; {@code null} advertises the whole window, as the reference. */
    private final ReceiveWindowTuner tuner;
    /** Next sequence number expected in order (reference {@code rcv_nxt}). */
    private int nextSn;

    ReceiveBuffer(SegmentPool pool, int window, boolean streamMode, boolean autoTune) {
        this.pool = pool;
        this.window = window;
        this.streamMode = streamMode;
        this.tuner = autoTune ? new ReceiveWindowTuner(window) : null;
        this.outOfOrder = new SequenceWindow(window);
        this.ready = new SegmentQueue();
    }

    int nextSn() {
        return nextSn;
    }

    void setNextSn(int sn) {
        nextSn = sn;
    }

    int window() {
        return window;
    }

    int readyCount() {
        return ready.size();
    }

    /** @return slots the out-of-order buffer holds now, for tests of memory given back */
    int outOfOrderCapacity() {
        return outOfOrder.capacity();
    }

    int outOfOrderCount() {
        return outOfOrder.count();
    }

    /** @return the window advertised while nothing waits for the application: the tuned one, or the whole */
    int advertisedLimit() {
        return tuner == null ? window : tuner.limit();
    }

    /** @return free segments in the ready queue, advertised to the peer as {@code wnd} */
    int unusedWindow() {
        int limit = advertisedLimit();
        return ready.size() < limit ? limit - ready.size() : 0;
    }

    /**
     * Tells the tuner how much of its window the peer uses: a data segment {@code sn} whose header says the peer's
     * oldest unacknowledged segment is {@code peerUna} was sent with {@code sn - peerUna + 1} segments numbered.
     */
    void onPeerWindowInUse(int sn, int peerUna) {
        if (tuner != null) {
            int span = sn - peerUna + 1;
            if (span > 0) {
                tuner.onSpan((int) Math.min((long) span + ready.size(), Integer.MAX_VALUE));
            }
        }
    }

    /** @return when the tuner's epoch ends, {@link Long#MAX_VALUE} without a tuner */
    long tunerEpochEndMicros() {
        return tuner == null ? Long.MAX_VALUE : tuner.epochEndMicros();
    }

    /**
     * Lets the tuner end its epoch; when the window shrank, gives back the slots a bulk transfer left behind.
     *
     * @return whether the advertised window shrank
     */
    boolean onTime(long nowMicros) {
        if (tuner == null || !tuner.onTime(nowMicros)) {
            return false;
        }
        if (outOfOrder.count() == 0) {
            outOfOrder.shrinkTo(tuner.limit());
        }
        return true;
    }

    /** @return whether {@code sn} lies before the end of the receive window (so it is acknowledged) */
    boolean belowWindowEnd(int sn) {
        return sn - (nextSn + window) < 0;
    }

    /** @return whether {@code sn} is new and inside the window, so its payload should be stored */
    boolean wants(int sn) {
        return sn - nextSn >= 0 && belowWindowEnd(sn) && outOfOrder.get(sn) == null;
    }

    /** Copies a segment that {@link #wants} accepted and moves what became in order to the ready queue. */
    void accept(int sn, int ts, int frg, byte[] src, int off, int len) {
        Segment s = pool.take(len);
        System.arraycopy(src, off, s.data, 0, len);
        s.len = len;
        s.sn = sn;
        s.ts = ts;
        s.frg = frg;
        outOfOrder.put(s);
        moveReady();
    }

    private void moveReady() {
        while (ready.size() < window) {
            Segment s = outOfOrder.remove(nextSn);
            if (s == null) {
                return;
            }
            ready.addLast(s);
            nextSn++;
        }
    }

    /**
     * @return the length of the next message (in stream mode: of the next segment), or {@link KcpEngine#EMPTY}
     *     if no whole message is ready
     */
    int peekSize() {
        Segment first = ready.peekFirst();
        if (first == null) {
            return KcpEngine.EMPTY;
        }
        if (first.frg == 0) {
            return first.len;
        }
        if (ready.size() < first.frg + 1) {
            return KcpEngine.EMPTY;
        }
        int length = 0;
        for (int i = 0; i < ready.size(); i++) {
            Segment s = ready.get(i);
            length += s.len;
            if (s.frg == 0) {
                break;
            }
        }
        return length;
    }

    /**
     * Copies the next message into {@code dst}; in stream mode, as many whole segments as fit.
     *
     * @return the bytes copied, {@link KcpEngine#EMPTY}, or {@link KcpEngine#BUFFER_TOO_SMALL} (nothing consumed)
     */
    int receive(byte[] dst, int off, int capacity) {
        int size = peekSize();
        if (size < 0) {
            return size;
        }
        if (size > capacity) {
            return KcpEngine.BUFFER_TOO_SMALL;
        }
        int length = 0;
        while (!ready.isEmpty()) {
            Segment s = ready.peekFirst();
            if (streamMode && length > 0 && length + s.len > capacity) {
                break;
            }
            ready.pollFirst();
            System.arraycopy(s.data, 0, dst, off + length, s.len);
            length += s.len;
            int frg = s.frg;
            pool.release(s);
            if (frg == 0 && !streamMode) {
                break;
            }
        }
        moveReady();
        return length;
    }
}
