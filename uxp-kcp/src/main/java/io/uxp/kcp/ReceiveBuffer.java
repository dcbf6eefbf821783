package io.uxp.kcp;

/**
 * The receiving half of a KCP engine: out-of-order segments ({@code rcv_buf}), in-order segments ready for the
 * application ({@code rcv_queue}), reassembly of fragmented messages, and the free window advertised to the peer
 * (reference {@code ikcp_parse_data}, {@code ikcp_recv}, {@code ikcp_peeksize}, {@code ikcp_wnd_unused}).
 */
final class ReceiveBuffer {
    private final SegmentPool pool;
    private final SequenceWindow outOfOrder;
    private final SegmentQueue ready;
    private final int window;
    private final boolean streamMode;
    /** Next sequence number expected in order (reference {@code rcv_nxt}). */
    private int nextSn;

    ReceiveBuffer(SegmentPool pool, int window, boolean streamMode) {
        this.pool = pool;
        this.window = window;
        this.streamMode = streamMode;
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

    int outOfOrderCount() {
        return outOfOrder.count();
    }

    /** @return free segments in the ready queue, advertised to the peer as {@code wnd} */
    int unusedWindow() {
        return ready.size() < window ? window - ready.size() : 0;
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
