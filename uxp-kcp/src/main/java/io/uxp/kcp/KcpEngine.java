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
 * {@link CongestionController}, which is told of every transmission, acknowledgement (with a delivery-rate sample
 * in the manner of Linux {@code tcp_rate.c}) and loss, and answers with a congestion window and a pacing rate.
 *
 * <p><b>Time</b> is the caller's {@code nowMicros}, any monotonic microsecond clock. The wire carries the low 32
 * bits of milliseconds ({@code nowMicros / 1000}), as the reference, so interoperability and wire traces do not
 * depend on the finer clock; RTOs and intervals are configured and estimated in milliseconds ({@link KcpConfig}),
 * rate samples and pacing use microseconds. Driven at whole milliseconds, the engine emits the same datagrams at
 * the same times as the reference. Every comparison of timestamps and sequence numbers is wrap-safe.
 *
 * <p><b>Reference mode</b> ({@link KcpConfig#timeLossDetection()} off, the default): retransmission by timeout with
 * the reference's RTO and backoff, and by duplicate acknowledgements ({@code fastResend}); a segment is numbered
 * into flight while {@code nxt - una < min(sendWindow, remoteWindow, cwnd)}, the reference's window check.
 * <b>Modern mode</b> ({@code timeLossDetection} on): flow control is still {@code nxt - una < min(sendWindow,
 * remoteWindow)}, but the congestion window limits segments <em>in flight</em> (sent, neither acknowledged nor
 * declared lost), so a hole at {@code una} does not stall a rate-based sender; losses are found by time in the
 * manner of RACK (RFC 8985: a segment is lost once a segment sent after it was delivered and
 * {@code sent + rack.rtt + reorderWindow} passed, with {@code reorderWindow = min(max(reorderWindowMinMillis,
 * minRtt / 4), srtt)}) instead of by duplicate acknowledgements; and each segment's RTO,
 * {@code max(minRto, srtt + max(4 rttvar, srtt / 2) + interval)}, runs from its actual transmission.
 *
 * <p><b>Pacing</b>: when the controller's {@link CongestionController#pacingRate()} is positive, PUSH segments (new
 * and retransmitted) leave no faster than that rate, through a token bucket with a burst of
 * {@code max(2 segments, rate x 1 ms)}; segments held back wait for a later flush, and {@link #check} says when the
 * pacer has accrued half a burst again, so each wake-up releases a batch rather than a single segment. Acknowledgements and window probes are never paced. With a rate of 0 and reference
 * mode, {@link #update} and {@link #check} behave exactly as {@code ikcp_update} and {@code ikcp_check}; otherwise
 * {@link #update} also flushes whenever {@link #check} says work is due (a paced segment, a RACK deadline).
 *
 * <p>Results are {@code int} codes: zero or a length for success, one of the negative constants of this class
 * otherwise; no input datagram, however malformed, makes the engine throw.
 *
 * <p>Not thread-safe: one owner thread calls every method. In steady state no method allocates: segments,
 * their payload arrays, the acknowledgement list, the output buffer and the samples handed to the controller are
 * reused; the buffers grow on demand up to the windows and then stay.
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
    /** Least back-pressure limit in modern mode, in segments ({@link #sendQueueLimit()}). */
    static final int SEND_QUEUE_FLOOR_SEGMENTS = 1024;
    /** A flush clock further than this from now is reset (reference {@code ikcp_update}'s 10000 ms). */

    private final int conv;
    private final KcpConfig config;
    private final CongestionController congestion;
    private final ReceiveBuffer receiver;
    private final SegmentPool pool;
    private final SendBuffer sender;
    private final DatagramWriter writer;
    private final RttEstimator rtt;
    private final PendingAcks acks;
    private final DeliveryTracker tracker = new DeliveryTracker();
    private final SendScheduler scheduler;
    private final long intervalMicros;
    private int remoteWindow = KcpConfig.DEFAULT_RECEIVE_WINDOW;
    private final WindowProbe probe = new WindowProbe();
    private final SpareMemory memory;
    private final FlushInterval interval;
    /** Set by the first {@link #update}: until then {@link #check} says "now". */
    private boolean updated;

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
        this.pool = new SegmentPool(config.mssBytes());
        this.receiver = new ReceiveBuffer(pool, config.receiveWindow(), config.streamMode(),
                config.timeLossDetection());
        this.sender = new SendBuffer(pool, tracker, config.sendWindow(), config.mssBytes(), config.streamMode());
        this.writer = new DatagramWriter(conv, config, Objects.requireNonNull(output, "output"));
        this.rtt = new RttEstimator(config.intervalMillis(), config.minRtoMillis());
        this.acks = new PendingAcks(config.receiveWindow(), config.timeLossDetection());
        this.scheduler = new SendScheduler(config, congestion, sender, tracker, rtt, writer);
        this.intervalMicros = config.intervalMillis() * SendScheduler.MICROS_PER_MILLI;
        this.interval = new FlushInterval(intervalMicros);
        this.memory = new SpareMemory(receiver, sender, pool, config.timeLossDetection());
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
        boolean wasFull = receiver.unusedWindow() == 0;
        int n = receiver.receive(dst, off, capacity);
        if (wasFull && receiver.unusedWindow() > 0) {
            // the peer saw a zero window; tell it at once that there is room again (reference "fast recover")
            probe.tell();
        }
        return n;
    }

    /**
     * Processes one incoming datagram (reference {@code ikcp_input}). The whole datagram is validated first;
     * if any segment is malformed, nothing of it is applied and the engine's state is unchanged. Trailing bytes
     * shorter than a header are ignored, as in the reference. If it acknowledged anything, the controller gets one
     * {@link CongestionController#onAcknowledged} after the whole datagram.
     *
     * @param buf the buffer holding the datagram
     * @param off start of the datagram
     * @param len length of the datagram
     * @param nowMicros the current time
     * @return {@link #OK} or one of the {@code INPUT_} codes
     * @throws IndexOutOfBoundsException if the range lies outside {@code buf}
     */
    public int input(byte[] buf, int off, int len, long nowMicros) {
        Objects.checkFromIndexSize(off, len, buf.length);
        int invalid = SegmentCodec.validate(buf, off, len, conv, receiver.window());
        if (invalid != OK) {
            return invalid;
        }
        scheduler.invalidateScan();
        int prevUna = sender.una();
        tracker.beginDatagram(nowMicros);
        int nowTs = SendScheduler.wireTimestamp(nowMicros);
        int end = off + len;
        // ACKs first, before any header's una releases the segments they name, so that each can be matched with
        // the transmission whose timestamp it echoes; the resulting state is the same as the reference's order
        for (int p = off; end - p >= HEADER_BYTES; p += HEADER_BYTES + (int) SegmentCodec.len(buf, p)) {
            if (SegmentCodec.cmd(buf, p) != CMD_ACK) {
                continue;
            }
            int sn = SegmentCodec.sn(buf, p);
            int ts = SegmentCodec.ts(buf, p);
            int sample = nowTs - ts;
            if (sample >= 0) {
                rtt.sample(sample);
            }
            sender.acknowledge(sn, ts, nowMicros);
            sender.chooseFastAck(sn, ts);
        }
        for (int p = off; end - p >= HEADER_BYTES; ) {
            int cmd = SegmentCodec.cmd(buf, p);
            int sn = SegmentCodec.sn(buf, p);
            int length = (int) SegmentCodec.len(buf, p);
            remoteWindow = SegmentCodec.wnd(buf, p);
            sender.acknowledgeUpTo(SegmentCodec.una(buf, p), nowMicros);
            if (cmd == CMD_PUSH) {
                if (receiver.belowWindowEnd(sn)) {
                    int ts = SegmentCodec.ts(buf, p);
                    acks.add(sn, ts);
                    receiver.onPeerWindowInUse(sn, SegmentCodec.una(buf, p));
                    if (receiver.wants(sn)) {
                        receiver.accept(sn, ts, SegmentCodec.frg(buf, p), buf, p + HEADER_BYTES, length);
                    }
                }
            } else if (cmd == CMD_WASK) {
                probe.tell();
            }
            p += HEADER_BYTES + length;
        }
        sender.endFastAckChoice(!config.timeLossDetection());
        if (tracker.finishDatagram(nowMicros, remoteWindow, sender.una() - prevUna > 0)) {
            congestion.onAcknowledged(tracker.sample());
        }
        return OK;
    }

    /**
     * Advances the engine's clock (reference {@code ikcp_update}): flushes when the flush interval has come, and,
     * unless the engine keeps the reference's timing (reference mode without pacing), also whenever {@link #check}
     * says work is due. In modern mode there is no interval tick: it flushes only when {@link #check} says so.
     *
     * @param nowMicros the current time
     * @return whether it flushed (a caller that would flush anyway need not flush again)
     */
    public boolean update(long nowMicros) {
        if (!updated) {
            updated = true;
            interval.start(nowMicros);
        }
        // modern mode is event-driven: every flush has a cause (check); an interval tick would only rescan what is
        // in flight. Reference mode flushes every interval, and between them when work is due unless it keeps the
        // reference's timing
        boolean due = config.timeLossDetection() ? check(nowMicros) - nowMicros <= 0
                : interval.tick(nowMicros) || !scheduler.referenceTiming() && check(nowMicros) - nowMicros <= 0;
        if (due) {
            flush(nowMicros);
        }
        return due;
    }

    /**
     * When the engine next has work (reference {@code ikcp_check}): the next flush or the earliest retransmission
     * timeout, whichever comes first, never more than one interval ahead; in modern mode also the earliest RACK
     * deadline; and, when segments wait for the pacer (or, in modern mode, for nothing but a flush), the time the
     * pacer allows the next. In reference mode without pacing, calling {@link #update} earlier does nothing, and
     * {@link #input} and {@link #send} do not move this time earlier than the next interval. In modern mode the
     * time is that of the next event alone (acknowledgements or a window announcement owed, repeated
     * acknowledgements due, a retransmission or
     * RACK deadline, the pacer, a zero-window probe, memory to give back after a transfer;
     * {@link Long#MAX_VALUE} for none),
     * not capped at one interval: a connection whose segments wait for their acknowledgement wakes at their
     * deadline, not every interval, so a host whose queues delay acknowledgements does not also pay a flush per
     * connection and interval.
     *
     * @param nowMicros the current time
     * @return the time to call {@link #update} or {@link #flush}, in microseconds; {@code nowMicros} if due now
     */
    public long check(long nowMicros) {
        if (!updated) {
            return nowMicros;
        }
        if (config.timeLossDetection()) {
            if (acks.owed() || probe.telling()) {
                return nowMicros;
            }
            long at = Math.min(scheduler.nextEventMicros(nowMicros, Long.MAX_VALUE, remoteWindow),
                    probe.nextMicros(nowMicros, remoteWindow));
            at = Math.min(at, Math.min(acks.repeatDueMicros(), memory.nextCheckMicros()));
            return Math.max(nowMicros, at);
        }
        long horizon = interval.next(nowMicros);
        return horizon == nowMicros ? nowMicros : scheduler.nextEventMicros(nowMicros, horizon, remoteWindow);
    }

    /** @return whether acknowledgements are held to be repeated (modern mode): for tests of {@link #check} */
    boolean holdsAckRepeats() {
        return acks.repeatDueMicros() != Long.MAX_VALUE;
    }

    /** {@link #check} after forgetting the cached scan of the segments in flight: for tests of that cache. */
    long checkRescanned(long nowMicros) {
        scheduler.invalidateScan();
        return check(nowMicros);
    }

    /**
     * Sends pending acknowledgements, window probes, new segments the window admits and due retransmissions
     * (reference {@code ikcp_flush}), as far as the pacer allows; then reports the losses it declared, at most one
     * {@link CongestionController#onLost} per cause. Usually called through {@link #update}; calling it directly
     * sends at once.
     *
     * @param nowMicros the current time
     */
    public void flush(long nowMicros) {
        memory.onFlush(nowMicros);
        int wnd = receiver.unusedWindow();
        int una = receiver.nextSn();
        acks.writeTo(writer, wnd, una, nowMicros + intervalMicros);
        probe.update(nowMicros, remoteWindow);
        if (probe.asking()) {
            writer.segment(CMD_WASK, 0, wnd, 0, 0, una, null, 0);
        }
        if (probe.telling()) {
            writer.segment(CMD_WINS, 0, wnd, 0, 0, una, null, 0);
        }
        probe.sent();
        scheduler.flush(nowMicros, wnd, una, remoteWindow);
    }

    /** @return segments queued or in flight, not yet acknowledged (reference {@code ikcp_waitsnd}) */
    public int waitingToSend() {
        return sender.queued() + sender.inFlightCount();
    }

    /**
     * How many segments {@link #waitingToSend()} may reach before a sender should wait (the runtime's back-pressure
     * limit). In reference mode the send window. In modern mode it follows the path: what is in flight plus two
     * congestion windows, at least {@value #SEND_QUEUE_FLOOR_SEGMENTS} segments and at most the send window, so the
     * memory queued per connection tracks the bandwidth-delay product rather than the configured maximum.
     */
    public int sendQueueLimit() {
        int max = config.sendWindow();
        if (!config.timeLossDetection()) {
            return max;
        }
        long want = sender.inFlightCount() + 2L * Math.min(congestion.congestionWindow(), max);
        return (int) Math.min(max, Math.max(SEND_QUEUE_FLOOR_SEGMENTS, want));
    }

    /** @return the receive window advertised while nothing waits for the application, in segments */
    public int advertisedReceiveWindow() {
        return receiver.advertisedLimit();
    }

    /** @return whether some segment was sent {@code deadLinkThreshold} times (reference {@code state == -1}) */
    public boolean isDeadLink() {
        return scheduler.deadLink();
    }

    /** @return a snapshot of the engine's state; allocates, meant for monitoring */
    public ArqStats stats() {
        return new ArqStats(rtt.srttMillis(), rtt.rttVarMillis(), rtt.rtoMillis(), congestion.congestionWindow(),
                congestion.slowStartThreshold(), config.sendWindow(), config.receiveWindow(), remoteWindow,
                sender.queued(), sender.inFlightCount(),
                receiver.readyCount(), receiver.outOfOrderCount(), scheduler.segmentsSent(),
                scheduler.fastRetransmissions(), scheduler.timeoutRetransmissions(), congestion.pacingRate(),
                tracker.bytesInFlight(), tracker.minRttMicros() == Long.MAX_VALUE ? 0 : tracker.minRttMicros());
    }

    /** @return the smallest unambiguous RTT seen, in microseconds, or {@link Long#MAX_VALUE} before any sample */
    long minRttMicros() {
        return tracker.minRttMicros();
    }

    /** @return bytes in flight: sent, neither acknowledged nor declared lost */
    long bytesInFlight() {
        return tracker.bytesInFlight();
    }

    /** @return slots allocated by the send window, for tests of on-demand growth */
    int sendWindowCapacity() {
        return sender.windowCapacity();
    }

    /**
     * @return whether only the peer's advertised window keeps a segment from leaving now: data is queued, every
     *     numbered segment has been sent, the window is used up and the congestion window has room; for tests
     */
    boolean heldByRemoteWindow() {
        return sender.queued() > 0 && sender.unsent() == 0
                && sender.nxt() - sender.una() >= Math.min(config.sendWindow(), remoteWindow)
                && tracker.segmentsInFlight() < congestion.congestionWindow();
    }

    /** @return retransmissions by timeout later shown spurious by an acknowledgement of the original, for tests */
    long spuriousTimeouts() {
        return tracker.spuriousTimeouts();
    }

    /** @return slots the receive buffer holds and free segments pooled, for tests of memory given back */
    int[] memoryFootprint() {
        return new int[] {receiver.outOfOrderCapacity(), pool.freeCount()};
    }

    /** Starts the sequence numbers of both directions at {@code sn}; for wrap-around tests, before any traffic. */
    void startSequenceAt(int sn) {
        sender.startAt(sn);
        receiver.setNextSn(sn);
    }
}
