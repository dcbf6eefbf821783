package io.uxp.kcp;

import static io.uxp.kcp.SegmentCodec.CMD_ACK;
import static io.uxp.kcp.SegmentCodec.CMD_PUSH;
import static io.uxp.kcp.SegmentCodec.CMD_WASK;
import static io.uxp.kcp.SegmentCodec.CMD_WINS;
import static io.uxp.kcp.SegmentCodec.HEADER_BYTES;

import io.uxp.api.ArqStats;
import io.uxp.api.spi.CongestionController;
import java.util.Objects;

/**
 * One KCP conversation: an ARQ engine wire-compatible with the reference KCP ({@code ikcp.c}) and kcp-go.
 * The application queues messages with {@link #send} and takes them with {@link #receive}; the owner feeds
 * incoming datagrams to {@link #input}, calls {@link #update} (at the latest when {@link #check} says), and the
 * engine hands datagrams to its {@link KcpOutput}. Congestion control is delegated to a
 * {@link CongestionController}: the effective send window is the minimum of the local send window, the peer's
 * advertised window and the controller's window.
 *
 * <p>Time is the caller's {@code nowMillis} (any monotonic millisecond clock); the wire carries its low 32 bits
 * and every comparison of timestamps and sequence numbers is wrap-safe. Results are {@code int} codes: zero or
 * a length for success, one of the negative constants of this class otherwise; no input datagram, however
 * malformed, makes the engine throw.
 *
 * <p>Not thread-safe: one owner thread calls every method. In steady state no method allocates: segments,
 * their payload arrays, the acknowledgement list and the output buffer are reused.
 */
public final class KcpEngine {

    /** Success. */
    public static final int OK = 0;
    /** {@link #receive}, {@link #peekSize}: no whole message is ready (reference -1). */
    public static final int EMPTY = -1;
    /** {@link #send}: the message needs more fragments than the receive window or 255 allow (reference -2). */
    public static final int MESSAGE_TOO_LARGE = -2;
    /** {@link #receive}: the next message is longer than the capacity; nothing was consumed (reference -3). */
    public static final int BUFFER_TOO_SMALL = -3;
    /** {@link #input}: the datagram is shorter than one 24-byte header. */
    public static final int INPUT_TOO_SHORT = -10;
    /** {@link #input}: a segment belongs to another conversation. */
    public static final int INPUT_WRONG_CONV = -11;
    /** {@link #input}: a segment's {@code len} runs past the end of the datagram. */
    public static final int INPUT_BAD_LENGTH = -12;
    /** {@link #input}: a segment's {@code cmd} is not PUSH, ACK, WASK or WINS. */
    public static final int INPUT_UNKNOWN_COMMAND = -13;
    /** {@link #input}: a data segment's {@code frg} could never fit the receive window. */
    public static final int INPUT_FRAGMENT_BEYOND_WINDOW = -14;

    /** Fragment counter width: {@code frg} is one byte and kcp-go refuses more than 255 fragments. */
    private static final int MAX_FRAGMENTS = 255;
    /** Probe flag: ask the peer for its window (reference IKCP_ASK_SEND). */
    private static final int ASK_SEND = 1;
    /** Probe flag: tell the peer our window (reference IKCP_ASK_TELL). */
    private static final int ASK_TELL = 2;
    /** First wait before probing a zero window (reference IKCP_PROBE_INIT). */
    private static final int PROBE_INITIAL_MILLIS = 7000;
    /** Longest wait between window probes (reference IKCP_PROBE_LIMIT). */
    private static final int PROBE_LIMIT_MILLIS = 120_000;
    /** A flush clock further than this from now is reset (reference {@code ikcp_update}'s 10000). */
    private static final int CLOCK_JUMP_MILLIS = 10_000;
    /**
     * Bound of the pending acknowledgement list, in receive windows: a peer has at most one window in flight,
     * so this leaves room for its retransmissions and duplicates while keeping memory bounded under a flood.
     */
    private static final int ACKS_PER_WINDOW = 4;
    /** Cap of a segment's backed-off RTO, far beyond any dead-link threshold, so it cannot overflow. */
    private static final int RTO_SATURATION_MILLIS = Integer.MAX_VALUE / 4;

    private final int conv;
    private final KcpConfig config;
    private final CongestionController congestion;
    private final ReceiveBuffer receiver;
    private final SendBuffer sender;
    private final DatagramWriter writer;
    private final RttEstimator rtt;
    private final AckList acks;
    private int remoteWindow = KcpConfig.DEFAULT_RECEIVE_WINDOW;
    private int probe;
    private int probeWait;
    private long probeAtMillis;
    private boolean updated;
    private long flushAtMillis;
    private boolean deadLink;
    private long segmentsSent;
    private long fastRetransmissions;
    private long timeoutRetransmissions;

    /**
     * @param conv the conversation id, shared by both peers (u32 on the wire)
     * @param config the settings
     * @param congestion this connection's congestion controller, used by this engine only
     * @param output receives every datagram the engine emits
     */
    public KcpEngine(int conv, KcpConfig config, CongestionController congestion, KcpOutput output) {
        this.conv = conv;
        this.config = Objects.requireNonNull(config, "config");
        this.congestion = Objects.requireNonNull(congestion, "congestion");
        SegmentPool pool = new SegmentPool(config.mssBytes());
        this.receiver = new ReceiveBuffer(pool, config.receiveWindow(), config.streamMode());
        this.sender = new SendBuffer(pool, config.sendWindow(), config.mssBytes(), config.streamMode());
        this.writer = new DatagramWriter(conv, config, Objects.requireNonNull(output, "output"));
        this.rtt = new RttEstimator(config.intervalMillis(), config.minRtoMillis());
        this.acks = new AckList(ACKS_PER_WINDOW * config.receiveWindow());
    }

    /** @return the conversation id */
    public int conv() {
        return conv;
    }

    /** @return the settings */
    public KcpConfig config() {
        return config;
    }

    /**
     * @return the largest message {@link #send} accepts in message mode, in bytes: the mss times the fragment
     *     limit, {@code min(receiveWindow, 255)}; {@link Integer#MAX_VALUE} in stream mode
     */
    public int maxMessageBytes() {
        return config.streamMode() ? Integer.MAX_VALUE : maxFragments() * config.mssBytes();
    }

    private int maxFragments() {
        return Math.min(config.receiveWindow(), MAX_FRAGMENTS);
    }

    /**
     * Queues bytes for reliable delivery (reference {@code ikcp_send}). In message mode the message is split into
     * up to {@link #maxMessageBytes()} / mss fragments whose {@code frg} counts down to 0; an empty message is one
     * empty segment. In stream mode the bytes first fill the last queued segment.
     *
     * @param src the bytes, copied before returning
     * @param off start of the bytes
     * @param len number of bytes
     * @return {@link #OK} or {@link #MESSAGE_TOO_LARGE} (nothing queued)
     * @throws IndexOutOfBoundsException if the range lies outside {@code src}
     */
    public int send(byte[] src, int off, int len) {
        Objects.checkFromIndexSize(off, len, src.length);
        return sender.enqueue(src, off, len, maxFragments());
    }

    /** @return the length of the next message ready for {@link #receive}, or {@link #EMPTY} */
    public int peekSize() {
        return receiver.peekSize();
    }

    /**
     * Takes the next whole message (reference {@code ikcp_recv}); in stream mode, as many whole segments as fit.
     *
     * @param dst where to copy it
     * @param off start in {@code dst}
     * @param capacity room in {@code dst}
     * @return its length, {@link #EMPTY}, or {@link #BUFFER_TOO_SMALL} (nothing consumed)
     * @throws IndexOutOfBoundsException if the range lies outside {@code dst}
     */
    public int receive(byte[] dst, int off, int capacity) {
        Objects.checkFromIndexSize(off, capacity, dst.length);
        boolean wasFull = receiver.readyCount() >= receiver.window();
        int n = receiver.receive(dst, off, capacity);
        if (wasFull && receiver.readyCount() < receiver.window()) {
            // the peer saw a zero window; tell it at once that there is room again (reference "fast recover")
            probe |= ASK_TELL;
        }
        return n;
    }

    /**
     * Processes one incoming datagram (reference {@code ikcp_input}). The whole datagram is validated first;
     * if any segment is malformed, nothing of it is applied and the engine's state is unchanged. Trailing bytes
     * shorter than a header are ignored, as in the reference.
     *
     * @param buf the buffer holding the datagram
     * @param off start of the datagram
     * @param len length of the datagram
     * @param nowMillis the current time
     * @return {@link #OK} or one of the {@code INPUT_} codes
     * @throws IndexOutOfBoundsException if the range lies outside {@code buf}
     */
    public int input(byte[] buf, int off, int len, long nowMillis) {
        Objects.checkFromIndexSize(off, len, buf.length);
        int invalid = SegmentCodec.validate(buf, off, len, conv, receiver.window());
        if (invalid != OK) {
            return invalid;
        }
        int prevUna = sender.una();
        boolean sawAck = false;
        int maxAck = 0;
        int maxAckTs = 0;
        int end = off + len;
        for (int p = off; end - p >= HEADER_BYTES; ) {
            int cmd = SegmentCodec.cmd(buf, p);
            int sn = SegmentCodec.sn(buf, p);
            int ts = SegmentCodec.ts(buf, p);
            int length = (int) SegmentCodec.len(buf, p);
            remoteWindow = SegmentCodec.wnd(buf, p);
            sender.acknowledgeUpTo(SegmentCodec.una(buf, p));
            if (cmd == CMD_ACK) {
                int sample = (int) nowMillis - ts;
                if (sample >= 0) {
                    rtt.sample(sample);
                    congestion.onRttSample(sample, nowMillis);
                }
                sender.acknowledge(sn);
                // the reference (IKCP_FASTACK_CONSERVE) follows the acknowledgement with the newest timestamp
                if (!sawAck || ts - maxAckTs > 0) {
                    sawAck = true;
                    maxAck = sn;
                    maxAckTs = ts;
                }
            } else if (cmd == CMD_PUSH) {
                if (receiver.belowWindowEnd(sn)) {
                    acks.add(sn, ts);
                    if (receiver.wants(sn)) {
                        receiver.accept(sn, ts, SegmentCodec.frg(buf, p), buf, p + HEADER_BYTES, length);
                    }
                }
            } else if (cmd == CMD_WASK) {
                probe |= ASK_TELL;
            }
            p += HEADER_BYTES + length;
        }
        if (sawAck) {
            sender.countFastAcks(maxAck, maxAckTs);
        }
        if (sender.una() - prevUna > 0) {
            congestion.onAcknowledged(remoteWindow, nowMillis);
        }
        return OK;
    }

    /**
     * Advances the engine's clock (reference {@code ikcp_update}): flushes when the flush interval has come.
     *
     * @param nowMillis the current time
     */
    public void update(long nowMillis) {
        if (!updated) {
            updated = true;
            flushAtMillis = nowMillis;
        }
        long slap = nowMillis - flushAtMillis;
        if (slap >= CLOCK_JUMP_MILLIS || slap < -CLOCK_JUMP_MILLIS) {
            flushAtMillis = nowMillis;
            slap = 0;
        }
        if (slap >= 0) {
            flushAtMillis += config.intervalMillis();
            if (nowMillis - flushAtMillis >= 0) {
                flushAtMillis = nowMillis + config.intervalMillis();
            }
            flush(nowMillis);
        }
    }

    /**
     * When {@link #update} next has work (reference {@code ikcp_check}): the next flush or the earliest
     * retransmission, whichever comes first, never more than one interval ahead. Calling {@link #update} earlier
     * does nothing; {@link #input} and {@link #send} do not move this time earlier than the next interval.
     *
     * @param nowMillis the current time
     * @return the time to call {@link #update}, {@code nowMillis} if it is due now
     */
    public long check(long nowMillis) {
        if (!updated) {
            return nowMillis;
        }
        long flushAt = flushAtMillis;
        long slap = nowMillis - flushAt;
        if (slap >= CLOCK_JUMP_MILLIS || slap < -CLOCK_JUMP_MILLIS) {
            flushAt = nowMillis;
        }
        if (nowMillis - flushAt >= 0) {
            return nowMillis;
        }
        long minimal = Math.min(flushAt - nowMillis, config.intervalMillis());
        for (int sn = sender.una(); sn != sender.nxt(); sn++) {
            Segment s = sender.inFlight(sn);
            if (s != null) {
                long wait = s.resendAtMillis - nowMillis;
                if (wait <= 0) {
                    return nowMillis;
                }
                minimal = Math.min(minimal, wait);
            }
        }
        return nowMillis + minimal;
    }

    /**
     * Sends pending acknowledgements, window probes, new segments the window admits and due retransmissions
     * (reference {@code ikcp_flush}). Usually called through {@link #update}; calling it directly sends at once.
     *
     * @param nowMillis the current time
     */
    public void flush(long nowMillis) {
        int wnd = receiver.unusedWindow();
        int una = receiver.nextSn();
        int ts = (int) nowMillis;
        for (int i = 0; i < acks.size(); i++) {
            writer.segment(CMD_ACK, 0, wnd, acks.ts(i), acks.sn(i), una, null, 0);
        }
        acks.clear();
        updateProbe(nowMillis);
        if ((probe & ASK_SEND) != 0) {
            writer.segment(CMD_WASK, 0, wnd, 0, 0, una, null, 0);
        }
        if ((probe & ASK_TELL) != 0) {
            writer.segment(CMD_WINS, 0, wnd, 0, 0, una, null, 0);
        }
        probe = 0;
        int rto = rtt.rtoMillis();
        int windowInUse = Math.min(Math.min(config.sendWindow(), remoteWindow), congestion.congestionWindow());
        sender.admit(windowInUse, nowMillis, rto);
        int resendAfter = config.fastResend() > 0 ? config.fastResend() : Integer.MAX_VALUE;
        int firstRtoExtra = config.nodelay() ? 0 : rto >> 3;
        int limit = config.fastResendLimit();
        boolean fastResent = false;
        boolean timedOut = false;
        for (int sn = sender.una(); sn != sender.nxt(); sn++) {
            Segment s = sender.inFlight(sn);
            if (s == null) {
                continue;
            }
            if (s.transmissions == 0) {
                s.rtoMillis = rto;
                s.resendAtMillis = nowMillis + rto + firstRtoExtra;
            } else if (nowMillis - s.resendAtMillis >= 0) {
                // reference backoff: double (at least by the current RTO), or grow by half with nodelay
                int step = config.nodelay() ? s.rtoMillis / 2 : Math.max(s.rtoMillis, rto);
                s.rtoMillis = Math.min(s.rtoMillis + step, RTO_SATURATION_MILLIS);
                s.resendAtMillis = nowMillis + s.rtoMillis;
                timeoutRetransmissions++;
                timedOut = true;
            } else if (s.fastAck >= resendAfter && (limit <= 0 || s.transmissions <= limit)) {
                s.fastAck = 0;
                s.resendAtMillis = nowMillis + s.rtoMillis;
                fastRetransmissions++;
                fastResent = true;
            } else {
                continue;
            }
            s.transmissions++;
            s.ts = ts;
            writer.segment(CMD_PUSH, s.frg, wnd, ts, s.sn, una, s.data, s.len);
            segmentsSent++;
            if (s.transmissions >= config.deadLinkThreshold()) {
                deadLink = true;
            }
        }
        writer.emit();
        if (fastResent) {
            congestion.onFastRetransmit(sender.nxt() - sender.una(), resendAfter, nowMillis);
        }
        if (timedOut) {
            congestion.onTimeout(windowInUse, nowMillis);
        }
    }

    /** Reference: probe a zero remote window after 7 s, backing off by half each time up to 120 s. */
    private void updateProbe(long nowMillis) {
        if (remoteWindow != 0) {
            probeAtMillis = 0;
            probeWait = 0;
        } else if (probeWait == 0) {
            probeWait = PROBE_INITIAL_MILLIS;
            probeAtMillis = nowMillis + probeWait;
        } else if (nowMillis - probeAtMillis >= 0) {
            probeWait = Math.min(Math.max(probeWait, PROBE_INITIAL_MILLIS) * 3 / 2, PROBE_LIMIT_MILLIS);
            probeAtMillis = nowMillis + probeWait;
            probe |= ASK_SEND;
        }
    }

    /** @return segments queued or in flight, not yet acknowledged (reference {@code ikcp_waitsnd}) */
    public int waitingToSend() {
        return sender.queued() + sender.inFlightCount();
    }

    /** @return whether some segment was sent {@code deadLinkThreshold} times (reference {@code state == -1}) */
    public boolean isDeadLink() {
        return deadLink;
    }

    /** @return a snapshot of the engine's state; allocates, meant for monitoring */
    public ArqStats stats() {
        return new ArqStats(rtt.srttMillis(), rtt.rttVarMillis(), rtt.rtoMillis(), congestion.congestionWindow(),
                congestion.slowStartThreshold(), config.sendWindow(), config.receiveWindow(), remoteWindow,
                sender.queued(), sender.inFlightCount(),
                receiver.readyCount(), receiver.outOfOrderCount(), segmentsSent, fastRetransmissions,
                timeoutRetransmissions);
    }

    /** Starts the sequence numbers of both directions at {@code sn}; for wrap-around tests, before any traffic. */
    void startSequenceAt(int sn) {
        sender.startAt(sn);
        receiver.setNextSn(sn);
    }
}
