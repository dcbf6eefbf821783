package io.uxp.kcp;

import static io.uxp.kcp.SegmentCodec.CMD_PUSH;

import io.uxp.api.spi.CongestionController;
import io.uxp.api.spi.LossSample.Cause;

/**
 * Decides which PUSH segments leave in a flush, and when the next one is due: admission of queued segments into
 * the window, loss detection (timeout, duplicate acknowledgements or RACK), pacing, and the loss reports to the
 * congestion controller. The reference part is {@code ikcp_flush}'s send loop and {@code ikcp_check}'s scan,
 * unchanged when the engine runs in reference mode without pacing; see {@link KcpEngine} for the modes.
 * Times in microseconds; RTOs in milliseconds, as the reference.
 */
final class SendScheduler {
    /** Microseconds per millisecond. */
    static final long MICROS_PER_MILLI = 1_000L;
    /** The modern RTO allows at least {@code srtt / this} of queueing delay beyond the smoothed RTT. */
    private static final long QUEUE_HEADROOM_DIVISOR = 2;
    /**
     * Cap of a segment's backed-off RTO: the reference's IKCP_RTO_MAX (60 s). The reference caps only its RTO
     * estimate and lets a segment's backoff grow without bound, so under nodelay 0 (doubling) a segment that timed
     * out 17 times waited hours, and a black-holed connection took days to reach the dead-link threshold of 20
     * transmissions. Below 60 s, every timer is the reference's.
     */
    private static final int MAX_BACKOFF_MILLIS = KcpConfig.MAX_RTO_MILLIS;
    private static final int DUPLICATE_ACKS = Cause.DUPLICATE_ACKS.ordinal();
    private static final int TIME_THRESHOLD = Cause.TIME_THRESHOLD.ordinal();
    private static final int TIMEOUT = Cause.TIMEOUT.ordinal();
    /** Nodelay level whose backoff grows by half the segment's own RTO (reference {@code nodelay == 1}). */
    private static final int NODELAY_OWN_HALF = 1;

    private final KcpConfig config;
    private final CongestionController congestion;
    private final SendBuffer sender;
    private final DeliveryTracker tracker;
    private final RttEstimator rtt;
    private final DatagramWriter writer;
    private final Pacer pacer;
    private final LossReport losses = new LossReport();
    /** Modern mode: RACK, the modern RTO, and a congestion window over segments in flight. */
    private final boolean modern;
    private long segmentsSent;
    private long fastRetransmissions;
    private long timeoutRetransmissions;
    private boolean deadLink;
    /** Whether the last flush left segments behind for the pacer: the next refill may catch up (Pacer). */
    private boolean heldBackByPacer;
    /** Whether this flush already declared its one timeout (modern mode; see detectLoss). */
    private boolean timeoutProbeSent;
    /**
     * The in-flight scan of {@link #nextEventMicros} as of {@link #scanMicros}: the earliest due time of a segment
     * in flight ({@code Long.MAX_VALUE} if none) and whether any segment waits to be sent. The flush computes it in
     * its own loop and a scan stores it, so that the scans after a flush, or repeated at one time, cost nothing; an
     * input (acknowledgements move RACK and the window) invalidates it. With thousands of segments in flight and
     * a flush per pacing release, the scans were a tenth of a sender's CPU.
     */
    private boolean scanValid;
    private long scanMicros;
    private long scanEarliestDue;
    private boolean scanWaiting;

    SendScheduler(KcpConfig config, CongestionController congestion, SendBuffer sender, DeliveryTracker tracker,
            RttEstimator rtt, DatagramWriter writer) {
        this.config = config;
        this.congestion = congestion;
        this.sender = sender;
        this.tracker = tracker;
        this.rtt = rtt;
        this.writer = writer;
        this.pacer = new Pacer(config.mtuBytes());
        this.modern = config.timeLossDetection();
    }

    /** @return whether the engine keeps the reference's timing exactly: reference mode and no pacing */
    boolean referenceTiming() {
        return !modern && congestion.pacingRate() <= 0;
    }

    /**
     * Sends the PUSH segments this flush allows; acknowledgements and probes were written before, and the
     * datagram is emitted here.
     *
     * @param wnd the receive window to advertise
     * @param rcvUna the receiver's next expected sequence number, carried in every header
     * @param remoteWindow the peer's last advertised window
     */
    void flush(long now, int wnd, int rcvUna, int remoteWindow) {
        int cwnd = Math.max(1, congestion.congestionWindow());
        int flowWindow = Math.min(config.sendWindow(), remoteWindow);
        int windowInUse = Math.min(flowWindow, cwnd);
        pacer.refill(now, congestion.pacingRate(), heldBackByPacer || sender.queued() > 0);
        // credit that overflowed after a flush the pacer held back is pacing time lost to a late wake-up; after a
        // flush the window held back it is only credit the window left unused (STARTUP paces far above the path)
        boolean lateWithDataWaiting = pacer.overflowed() && heldBackByPacer && sender.queued() > 0;
        int rto = modern ? modernRtoMillis(now) : rtt.rtoMillis();
        while (admissionRoom(cwnd, flowWindow, windowInUse) && sender.admitNext(now, rto)) {
            // numbered into the window; sent below if the pacer and the window allow
        }
        boolean dupAcks = !modern && config.fastResend() > 0;
        long reorderWindow = modern ? reorderWindowMicros() : 0;
        int firstRtoExtra = modern || config.nodelay() ? 0 : rto >> 3;
        int ts = wireTimestamp(now);
        boolean heldBack = false;
        boolean pacerHeld = false;
        timeoutProbeSent = false;
        losses.clear();
        long earliestDue = Long.MAX_VALUE;
        for (int sn = sender.una(); sn != sender.nxt(); sn++) {
            Segment s = sender.inFlight(sn);
            if (s == null) {
                continue;
            }
            boolean probe = false;
            if (s.transmissions > 0 && !s.awaitingRetransmission()) {
                int cause = detectLoss(s, now, rto, dupAcks, reorderWindow);
                if (cause == Segment.NOT_LOST) {
                    earliestDue = Math.min(earliestDue, due(s, reorderWindow));
                    continue;
                }
                s.lossCause = cause;
                tracker.onDeclaredLost(s);
                losses.add(cause, s);
                // modern mode's one timeout of this flush is a probe and leaves now, whatever the window and the
                // pacer say: the rest of a lost flight still counts as in flight until the probe's acknowledgement
                // lets RACK judge it, so a window held near what is in flight (a controller's response to the
                // timeout) would keep the probe back, and the flight then drained one timeout per RTO
                probe = modern && cause == TIMEOUT;
            }
            if (!probe && (!pacer.allows() || (modern && tracker.segmentsInFlight() >= cwnd))) {
                heldBack = true; // stays for a later flush; check() says when
                pacerHeld |= !pacer.allows();
                continue;
            }
            transmit(s, now, ts, wnd, rcvUna, rto, firstRtoExtra);
            earliestDue = Math.min(earliestDue, due(s, reorderWindow));
        }
        // what a scan of the same segments at this time would find; no acknowledgement changed RACK meanwhile
        remember(now, earliestDue, heldBack);
        writer.emit();
        heldBackByPacer = pacerHeld;
        losses.report(congestion, now, tracker.bytesInFlight(), sender.nxt() - sender.una(), windowInUse,
                dupAcks ? config.fastResend() : 0);
        if (!heldBack && sender.queued() == 0 && windowRoom(cwnd, flowWindow, windowInUse)) {
            tracker.markAppLimited();
        } else if (lateWithDataWaiting && pacingLateCountsAsAppLimited(cwnd)) {
            // the sender itself fell behind its pacing rate (a late wake-up on a busy host, a JIT-cold start):
            // what the next samples show is this host's speed, not the path's, so they are marked like
            // application-limited ones and a rate-based controller does not take them for a full pipe
            tracker.markAppLimited();
        }
    }

    /** Only while the window did not limit the sender: a window-limited sender waits for acknowledgements. */
    private boolean pacingLateCountsAsAppLimited(int cwnd) {
        return modern && tracker.segmentsInFlight() < cwnd;
    }

    /**
     * In modern mode a segment after which a later-sent one was delivered is RACK's to judge, and its RTO waits:
     * the per-segment analogue of TCP restarting its RTO on every acknowledgement of new data (RFC 6298 5.3), so
     * the timeout covers the tail of a flight and reordering within the window is never taken for a timeout.
     *
     * @return the {@link Cause} ordinal under which {@code s}, sent and in flight, is lost now, or NOT_LOST
     */
    private int detectLoss(Segment s, long now, int rto, boolean dupAcks, long reorderWindow) {
        if (modern) {
            long deadline = tracker.rack().lossDeadline(s, reorderWindow);
            if (deadline != Long.MAX_VALUE) {
                return now - deadline >= 0 ? TIME_THRESHOLD : Segment.NOT_LOST;
            }
        }
        if (now - s.resendAtMicros >= 0) {
            if (modern && timeoutProbeSent) {
                // one timeout retransmission per flush, the oldest segment's, like a tail-loss probe (RFC 8985
                // section 7): its acknowledgement lets RACK judge the rest, which wait one more RTO. When the
                // host or the path stalls for longer than an RTO (a busy VM, a Wi-Fi hiccup), the flight's ACKs
                // are late, not lost: retransmitting every segment whose timer ran out doubled what was sent
                s.resendAtMicros = now + (long) s.rtoMillis * MICROS_PER_MILLI;
                return Segment.NOT_LOST;
            }
            timeoutProbeSent = modern;
            // reference backoff (ikcp_flush): nodelay 0 doubles (at least by the current RTO), 1 grows by half,
            // 2 grows by half the current RTO
            int step = config.nodelayMode() == 0 ? Math.max(s.rtoMillis, rto)
                    : config.nodelayMode() == NODELAY_OWN_HALF ? s.rtoMillis / 2 : rto / 2;
            s.rtoMillis = Math.min(s.rtoMillis + step, MAX_BACKOFF_MILLIS);
            return TIMEOUT;
        }
        if (dupAcks && s.fastAck >= config.fastResend()
                && (config.fastResendLimit() <= 0 || s.transmissions <= config.fastResendLimit())) {
            s.fastAck = 0;
            return DUPLICATE_ACKS;
        }
        return Segment.NOT_LOST;
    }

    private void transmit(Segment s, long now, int ts, int wnd, int rcvUna, int rto, int firstRtoExtra) {
        boolean first = s.transmissions == 0;
        if (first) {
            sender.markFirstSent();
            s.rtoMillis = rto;
            s.resendAtMicros = now + (rto + firstRtoExtra) * MICROS_PER_MILLI;
        } else {
            // the timer restarts from the actual transmission, which pacing may have delayed past the declaration
            s.resendAtMicros = now + s.rtoMillis * MICROS_PER_MILLI;
            if (s.lossCause == TIMEOUT) {
                timeoutRetransmissions++;
            } else if (s.lossCause != Segment.NOT_LOST) {
                fastRetransmissions++;
            }
        }
        if (!modern || first || s.lossCause == TIMEOUT) {
            // a segment that RACK declared lost was overtaken by an acknowledged later one: the path is alive, and
            // under heavy loss (a flood filling the peer's socket) RACK can resend it 20 times within seconds
            s.deadLinkTransmissions++;
        }
        if (modern && s.lossCause == TIMEOUT && s.ts != ts) { // only modern mode's RTO uses the floor
            s.timedOutTs = s.ts;
            s.timedOutSentMicros = s.sentMicros;
        } else if (!first) {
            s.timedOutSentMicros = -1;
        }
        tracker.onSent(s, now);
        s.lossCause = Segment.NOT_LOST;
        s.transmissions++;
        s.ts = ts;
        writer.segment(CMD_PUSH, s.frg, wnd, ts, s.sn, rcvUna, s.data, s.len);
        int bytes = s.wireBytes();
        pacer.consume(bytes);
        congestion.onSent(now, bytes, !first);
        segmentsSent++;
        if (s.deadLinkTransmissions >= config.deadLinkThreshold()) {
            deadLink = true;
        }
    }

    /** @return whether one more queued segment may be numbered into the window */
    private boolean admissionRoom(int cwnd, int flowWindow, int windowInUse) {
        int outstanding = sender.nxt() - sender.una();
        return modern ? outstanding < flowWindow && tracker.segmentsInFlight() + sender.unsent() < cwnd
                : outstanding < windowInUse;
    }

    /** @return whether the window would let one more segment go (for the application-limited mark) */
    private boolean windowRoom(int cwnd, int flowWindow, int windowInUse) {
        int outstanding = sender.nxt() - sender.una();
        return modern ? outstanding < flowWindow && tracker.segmentsInFlight() < cwnd : outstanding < windowInUse;
    }

    /**
     * @return the modern mode's RTO: {@code srtt + max(4 rttvar, srtt / 2) + interval} from the microsecond
     *     estimate (RFC 6298 plus the receiver's flush delay that KCP adds to acknowledgements), at least the minimum
     *     RTO and at most the reference's 60 s; the reference's initial 200 ms before any sample. The {@code srtt / 2}
     *     term is headroom for queueing delay: a paced sender probing for bandwidth grows the queue by a quarter of a
     *     BDP within one round, faster than rttvar follows, and RACK (not the RTO) finds every loss but a tail loss,
     *     so a later timeout costs little while a spurious one costs a retransmission and a window cut. After a
     *     spurious timeout it is at least the floor that timeout set ({@link DeliveryTracker#spuriousTimeoutFloorMicros}).
     */
    private int modernRtoMillis(long nowForRto) {
        long srtt = tracker.srttMicros();
        if (srtt == 0) {
            return RttEstimator.INITIAL_RTO_MILLIS;
        }
        long micros = srtt + Math.max(4 * tracker.rttVarMicros(), srtt / QUEUE_HEADROOM_DIVISOR)
                + config.intervalMillis() * MICROS_PER_MILLI;
        micros = Math.max(micros, tracker.spuriousTimeoutFloorMicros(nowForRto));
        long millis = (micros + MICROS_PER_MILLI - 1) / MICROS_PER_MILLI;
        return (int) Math.min(Math.max(millis, config.minRtoMillis()), KcpConfig.MAX_RTO_MILLIS);
    }

    /**
     * RFC 8985 6.2 step 4 without the DSACK adaptation: a quarter of the minimum RTT, at least the configured
     * floor, at most the smoothed RTT.
     */
    private long reorderWindowMicros() {
        long minRtt = tracker.minRttMicros() == Long.MAX_VALUE ? 0 : tracker.minRttMicros();
        long window = Math.max(config.reorderWindowMinMillis() * MICROS_PER_MILLI, minRtt / 4);
        long srtt = tracker.srttMicros();
        return srtt > 0 ? Math.min(window, srtt) : window;
    }

    /**
     * The scan of {@code ikcp_check}, extended by RACK deadlines and the pacer.
     *
     * @param horizon the latest answer: the next flush, at most one interval ahead
     * @param remoteWindow the peer's last advertised window
     * @return when {@link #flush} next has work, {@code now} if it has now, else at most {@code horizon}
     */
    long nextEventMicros(long now, long horizon, int remoteWindow) {
        if (!scanValid || scanMicros != now) {
            scan(now);
        }
        if (scanEarliestDue != Long.MAX_VALUE && scanEarliestDue - now <= 0) {
            return now;
        }
        long at = Math.min(horizon, scanEarliestDue);
        boolean waiting = scanWaiting;
        if (referenceTiming()) {
            return at;
        }
        int cwnd = Math.max(1, congestion.congestionWindow());
        int flowWindow = Math.min(config.sendWindow(), remoteWindow);
        if (!waiting) {
            waiting = sender.queued() > 0 && admissionRoom(cwnd, flowWindow, Math.min(flowWindow, cwnd));
        }
        if (waiting && (!modern || tracker.segmentsInFlight() < cwnd)) {
            long next = pacer.nextAllowedMicros(now);
            return next - now <= 0 ? now : Math.min(at, next);
        }
        return at;
    }

    /** The scan of the segments in flight: the earliest due time and whether any segment waits to be sent. */
    private void scan(long now) {
        long reorderWindow = modern ? reorderWindowMicros() : 0;
        long earliestDue = Long.MAX_VALUE;
        boolean waiting = false;
        for (int sn = sender.una(); sn != sender.nxt(); sn++) {
            Segment s = sender.inFlight(sn);
            if (s == null) {
                continue;
            }
            if (s.transmissions == 0 || s.awaitingRetransmission()) {
                waiting = true;
                continue;
            }
            earliestDue = Math.min(earliestDue, due(s, reorderWindow));
        }
        remember(now, earliestDue, waiting);
    }

    /** @return when {@code s}, sent and in flight, is next due: its RACK deadline once it has one, else its RTO */
    private long due(Segment s, long reorderWindow) {
        if (modern) {
            long deadline = tracker.rack().lossDeadline(s, reorderWindow);
            if (deadline != Long.MAX_VALUE) {
                return deadline; // as in detectLoss
            }
        }
        return s.resendAtMicros;
    }

    private void remember(long now, long earliestDue, boolean waiting) {
        scanValid = true;
        scanMicros = now;
        scanEarliestDue = earliestDue;
        scanWaiting = waiting;
    }

    /** Forgets the scan: an input changed what is in flight or RACK's state. */
    void invalidateScan() {
        scanValid = false;
    }

    /** @return the wire timestamp of {@code nowMicros}: the low 32 bits of milliseconds */
    static int wireTimestamp(long nowMicros) {
        return (int) Math.floorDiv(nowMicros, MICROS_PER_MILLI);
    }

    long segmentsSent() {
        return segmentsSent;
    }

    long fastRetransmissions() {
        return fastRetransmissions;
    }

    long timeoutRetransmissions() {
        return timeoutRetransmissions;
    }

    boolean deadLink() {
        return deadLink;
    }
}
