package io.uxp.kcp;

import static io.uxp.kcp.SegmentCodec.CMD_ACK;

/**
 * The acknowledgements a flush sends: those owed since the last flush and, in modern mode, once more those of the
 * previous flush whose segments are still out of order.
 *
 * <p>KCP acknowledges each segment once and has no selective-acknowledgement ranges, so a lost acknowledgement
 * datagram hides the arrival of every segment it named until the cumulative {@code una} passes them; above a
 * hole, time-based loss detection then retransmits them all. Repeating the previous flush's acknowledgements at or
 * above {@code una} means only the loss of both copies hides an arrival. A repeated ACK is an ordinary ACK segment:
 * the sender ignores one for a segment it no longer holds. The repeats ride on the next flush, or are due on their
 * own one flush interval after the first copy, so the last acknowledgements of a burst are repeated too.
 */
final class PendingAcks {
    /**
     * Bound of each list, in receive windows: a peer has at most one window in flight, so this leaves room for
     * its retransmissions and duplicates while keeping memory bounded under a flood.
     */
    private static final int ACKS_PER_WINDOW = 4;

    private final AckList owed;
    private final AckList repeats;
    private final boolean repeat;
    private long repeatDueMicros = Long.MAX_VALUE;

    /**
     * @param receiveWindow the configured receive window, in segments
     * @param repeat whether to repeat out-of-order acknowledgements once (modern mode)
     */
    PendingAcks(int receiveWindow, boolean repeat) {
        this.owed = new AckList(ACKS_PER_WINDOW * receiveWindow);
        this.repeats = new AckList(ACKS_PER_WINDOW * receiveWindow);
        this.repeat = repeat;
    }

    /** Owes an acknowledgement of segment {@code sn}, echoing its timestamp {@code ts}. */
    void add(int sn, int ts) {
        owed.add(sn, ts);
    }

    /** @return whether acknowledgements are owed since the last flush (repeats alone are not) */
    boolean owed() {
        return owed.size() > 0;
    }

    /** @return when the held repeats are due on their own, or {@link Long#MAX_VALUE} if none is held */
    long repeatDueMicros() {
        return repeatDueMicros;
    }

    /**
     * Writes every acknowledgement due, each carrying {@code wnd} and {@code una}, and forgets the owed ones.
     *
     * @param repeatDueMicros when the repeats this flush keeps are due if no flush comes earlier
     */
    void writeTo(DatagramWriter writer, int wnd, int una, long repeatDueMicros) {
        for (int i = 0; i < owed.size(); i++) {
            writer.segment(CMD_ACK, 0, wnd, owed.ts(i), owed.sn(i), una, null, 0);
        }
        if (repeat) {
            for (int i = 0; i < repeats.size(); i++) {
                if (repeats.sn(i) - una >= 0) {
                    writer.segment(CMD_ACK, 0, wnd, repeats.ts(i), repeats.sn(i), una, null, 0);
                }
            }
            repeats.clear();
            for (int i = 0; i < owed.size(); i++) {
                if (owed.sn(i) - una > 0) {
                    repeats.add(owed.sn(i), owed.ts(i));
                }
            }
            this.repeatDueMicros = repeats.size() > 0 ? repeatDueMicros : Long.MAX_VALUE;
        }
        owed.clear();
    }
}
