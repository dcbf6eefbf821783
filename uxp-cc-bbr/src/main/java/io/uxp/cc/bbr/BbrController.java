package io.uxp.cc.bbr;

import static io.uxp.cc.bbr.BbrParameters.*;

import io.uxp.api.spi.AckSample;
import io.uxp.api.spi.CongestionController;
import io.uxp.api.spi.LossSample;

/**
 * One connection's {@code bbr} state: a path model (bottleneck bandwidth as a windowed max of delivery-rate
 * samples over {@value BbrParameters#BANDWIDTH_WINDOW_ROUNDS} rounds, min RTT over 10 s), the state machine
 * STARTUP, DRAIN, PROBE_BW, PROBE_RTT that sets the pacing and window gains, and two bounds: an in-flight bound
 * {@code inflightHi} set when a round loses more than 2% while its RTT shows a queue, and a short cap after a
 * retransmission timeout. The outputs are recomputed on every acknowledgement and loss and read from fields.
 *
 * <p>One owner thread, the engine's. Allocates nothing, throws nothing, logs nothing after construction; every
 * field is a primitive, the filter a fixed array.
 */
final class BbrController implements CongestionController {

    /** Bytes of one full segment on the wire. */
    private final int segmentBytes;
    private final SegmentSizeAverage segmentSize;
    private final MaxBandwidthFilter bandwidth = new MaxBandwidthFilter(BANDWIDTH_WINDOW_ROUNDS);
    private final AckAggregation aggregation = new AckAggregation();

    private BbrMode mode = BbrMode.STARTUP;
    private double pacingGain = STARTUP_PACING_GAIN;
    private double cwndGain = STARTUP_CWND_GAIN;

    // outputs
    private int cwndSegments = INITIAL_CWND_SEGMENTS;
    private int effectiveCwndSegments = INITIAL_CWND_SEGMENTS;
    private long pacingRateBytesPerSecond;
    private boolean pacingFromRttSample;

    private final MinRttFilter minRtt = new MinRttFilter();

    // rounds: a round ends when a segment sent after its start is delivered (draft: BBR.round_count)
    private long roundCount;
    private long nextRoundDeliveredBytes;
    private long totalDeliveredBytes;
    /** The bandwidth estimate at the start of the previous round, to tell a round that grew it. */
    private long previousRoundBandwidth;

    /** STARTUP's full-pipe detection, and PROBE_BW's sign that the pipe was not full. */
    private final PipeFullness pipe = new PipeFullness();

    private final ProbeBwCycle cycle;

    // PROBE_RTT; -1 until in flight has fallen to the PROBE_RTT window
    private long probeRttDoneMicros = -1;
    private long probeRttDoneRound;
    /** Samples of segments sent while this controller held the sender back count as application-limited. */
    private long selfLimitedUntilDeliveredBytes;

    // retransmission timeout: cap until a segment sent after it is delivered
    private boolean timeoutCapped;
    private int timeoutCapSegments;
    private long timeoutRecoveryDeliveredBytes;

    // loss with a queue: the current round's tally, and the in-flight bound it sets
    private final RoundLossTally lossTally;
    private long inflightHiBytes = Long.MAX_VALUE;

    /**
     * @param mssBytes the connection's maximum segment payload
     * @param seed seeds the choice of the phase PROBE_BW starts in
     */
    BbrController(int mssBytes, long seed) {
        this.segmentBytes = mssBytes + SEGMENT_HEADER_BYTES;
        this.lossTally = new RoundLossTally(segmentBytes);
        this.segmentSize = new SegmentSizeAverage(segmentBytes);
        this.cycle = new ProbeBwCycle(seed);
        this.pacingRateBytesPerSecond = initialPacingRate(INITIAL_RTT_MICROS);
    }

    @Override
    public int congestionWindow() {
        return effectiveCwndSegments;
    }

    @Override
    public long pacingRate() {
        return pacingRateBytesPerSecond;
    }

    /** @return the in-flight bound in segments while loss with a queue holds one, else 0 (BBR has no ssthresh) */
    @Override
    public int slowStartThreshold() {
        return inflightHiBytes == Long.MAX_VALUE ? 0
                : (int) Math.min(inflightHiBytes / unitBytes(), Integer.MAX_VALUE);
    }

    @Override
    public void onSent(long nowMicros, int bytes, boolean retransmission) {
        // the rate samples carry the model; only the typical segment size is tracked here (SegmentSizeAverage)
        segmentSize.onSent(bytes);
    }

    private long unitBytes() {
        return segmentSize.unitBytes();
    }

    @Override
    public void onAcknowledged(AckSample ack) {
        long now = ack.nowMicros();
        long acked = ack.ackedBytes();
        long inflight = ack.bytesInFlight();
        long prior = ack.priorDeliveredBytes();
        totalDeliveredBytes = ack.totalDeliveredBytes();

        boolean roundStart = prior >= nextRoundDeliveredBytes;
        if (roundStart) {
            nextRoundDeliveredBytes = totalDeliveredBytes;
            roundCount++;
            boolean grew = bandwidth.max() >= previousRoundBandwidth * STARTUP_GROWTH_FACTOR && bandwidth.max() > 0;
            previousRoundBandwidth = bandwidth.max();
            long congestedInflight = lossTally.endRound(now, minRtt.micros());
            // a pipe whose delivery rate still grows by a quarter per round is not full: in STARTUP a lossy round
            // whose RTT rose is then a busy host's delay, not a queue (a departure from the draft, README.md)
            if (congestedInflight >= 0 && !(mode == BbrMode.STARTUP && grew)) {
                boundInflight(congestedInflight);
            }
        }
        long rtt = ack.rttMicros();
        lossTally.onAcknowledged(acked, inflight, rtt);

        boolean appLimited = ack.appLimited() || mode == BbrMode.PROBE_RTT || timeoutCapped
                || prior < selfLimitedUntilDeliveredBytes;
        updateBandwidth(ack, appLimited);
        boolean minRttExpired = minRtt.update(now, rtt);
        if (timeoutCapped) {
            if (prior >= timeoutRecoveryDeliveredBytes) {
                timeoutCapped = false;
                selfLimitedUntilDeliveredBytes = Math.max(selfLimitedUntilDeliveredBytes, totalDeliveredBytes);
            } else { // packet conservation while the path proves itself again
                timeoutCapSegments = (int) Math.max(timeoutCapSegments, segments(inflight + acked));
            }
        }
        if (!pipe.reached() && roundStart && !appLimited) {
            pipe.onRound(bandwidth.max());
        }

        if (mode == BbrMode.STARTUP && pipe.reached()) {
            mode = BbrMode.DRAIN;
            pacingGain = DRAIN_PACING_GAIN;
            cwndGain = STARTUP_CWND_GAIN;
        }
        if (mode == BbrMode.DRAIN && inflight <= bdpBytes()) {
            enterProbeBw(now);
        }
        if (mode == BbrMode.PROBE_BW) {
            advanceCycle(now, inflight, acked);
        }
        if (mode != BbrMode.PROBE_RTT && minRttExpired) {
            mode = BbrMode.PROBE_RTT;
            pacingGain = 1;
            probeRttDoneMicros = -1;
        }
        if (mode == BbrMode.PROBE_RTT) {
            handleProbeRtt(now, inflight);
        }

        aggregation.update(now, acked, bandwidth.max(), roundCount, (long) cwndSegments * unitBytes());
        updatePacingRate();
        updateCwnd(acked);
    }

    @Override
    public void onLost(LossSample loss) {
        if (loss.cause() == LossSample.Cause.TIMEOUT) {
            // a timeout may mean a black hole: hold the sender down, but keep the model (see README.md)
            timeoutCapped = true;
            timeoutCapSegments = (int) Math.max(MIN_CWND_SEGMENTS, segments(loss.bytesInFlight()));
            timeoutRecoveryDeliveredBytes = totalDeliveredBytes;
        }
        if (lossTally.onLost(loss.lostBytes(), loss.bytesInFlight(), loss.newestSentMicros())) {
            cycle.onLoss();
        }
        applyCaps();
    }

    /** Responds to a congested round: in flight stays under max(BDP, beta x what it was) until probed up again. */
    private void boundInflight(long congestedInflightBytes) {
        long bound = Math.max(bdpBytes(), (long) (congestedInflightBytes * LOSS_BETA));
        inflightHiBytes = Math.max(bound, (long) MIN_CWND_SEGMENTS * unitBytes());
        pipe.onCongestedRound(); // in STARTUP, queue-building loss means the pipe is full
    }

    private void updateBandwidth(AckSample ack, boolean appLimited) {
        long interval = ack.intervalMicros();
        long delivered = ack.deliveredBytes();
        if (interval <= 0 || delivered <= 0) {
            return;
        }
        long rate = delivered * MICROS_PER_SECOND / interval;
        if (!appLimited || rate >= bandwidth.max()) { // an app-limited sample can only show more than we knew
            bandwidth.update(roundCount, rate);
        }
    }

    private void reenterStartup() {
        pipe.restart(bandwidth.max());
        mode = BbrMode.STARTUP;
        pacingGain = STARTUP_PACING_GAIN;
        cwndGain = STARTUP_CWND_GAIN;
    }

    private void enterProbeBw(long now) {
        mode = BbrMode.PROBE_BW;
        cwndGain = PROBE_BW_CWND_GAIN;
        startPhase(cycle.randomStartPhase(), now);
    }

    private void startPhase(int phase, long now) {
        if (phase == 0 && pipe.regrowthAtCycleStart(bandwidth.max())) {
            reenterStartup();
            return;
        }
        cycle.start(phase, now);
        pacingGain = cycle.gain();
    }

    private void advanceCycle(long now, long inflight, long acked) {
        if (cycle.gain() > 1 && inflightHiBytes != Long.MAX_VALUE) {
            // probe the bound upwards: one segment per segment acknowledged doubles it per round
            inflightHiBytes += acked;
            if (inflightHiBytes >= targetCwndSegments(cwndGain) * unitBytes()) {
                inflightHiBytes = Long.MAX_VALUE;
            }
        }
        int next = cycle.next(now, inflight, acked, bdpBytes(), minRtt.micros());
        if (next >= 0) {
            startPhase(next, now);
        }
    }

    private void handleProbeRtt(long now, long inflight) {
        if (probeRttDoneMicros < 0) {
            if (inflight <= (long) probeRttCwndSegments() * unitBytes()) {
                probeRttDoneMicros = now + PROBE_RTT_DURATION_MICROS;
                nextRoundDeliveredBytes = totalDeliveredBytes; // the round PROBE_RTT waits for starts now
                probeRttDoneRound = roundCount + 1;
            }
        } else if (roundCount >= probeRttDoneRound && now >= probeRttDoneMicros) {
            minRtt.refresh(now);
            selfLimitedUntilDeliveredBytes = Math.max(selfLimitedUntilDeliveredBytes, totalDeliveredBytes);
            if (pipe.reached()) {
                enterProbeBw(now);
            } else {
                mode = BbrMode.STARTUP;
                pacingGain = STARTUP_PACING_GAIN;
                cwndGain = STARTUP_CWND_GAIN;
            }
        }
    }

    private void updatePacingRate() {
        if (!pipe.reached() && minRtt.micros() > 0) {
            // until the pipe is full, at least the initial window's rate over the (falling) min RTT, and at least
            // the window over half of it: pacing spreads STARTUP's window, the window limits it. A first RTT
            // sample inflated by a host still compiling its hot path had set the rate for the whole STARTUP
            long floor = Math.max(initialPacingRate(minRtt.micros()),
                    STARTUP_WINDOW_PACING_GAIN * effectiveCwndSegments * unitBytes() * MICROS_PER_SECOND
                            / Math.max(minRtt.micros(), MIN_MODEL_RTT_MICROS));
            // the first sample replaces the guess of a 1 ms RTT; later ones only raise the rate
            pacingRateBytesPerSecond = pacingFromRttSample ? Math.max(pacingRateBytesPerSecond, floor) : floor;
            pacingFromRttSample = true;
        }
        long bw = bandwidth.max();
        if (bw > 0) {
            // the estimate counts what arrived; a path that loses a share p of what it carries needs bw / (1 - p) sent
            // to deliver bw, wherever on it the loss is (before the bottleneck or after)
            double lossShare = Math.min(lossTally.randomLoss(), MAX_LOSS_COMPENSATION);
            long rate = Math.max((long) (pacingGain * bw * (1 - PACING_MARGIN) / (1 - lossShare)), minimumPacingRate());
            // until the pipe is full, a low early sample must not slow STARTUP down (draft BBRSetPacingRateWithGain)
            if (pipe.reached() || rate > pacingRateBytesPerSecond) {
                pacingRateBytesPerSecond = Math.max(rate, 1);
            }
        }
    }

    private void updateCwnd(long acked) {
        long target = targetCwndSegments(cwndGain);
        if (inflightHiBytes != Long.MAX_VALUE) {
            target = Math.min(target, Math.max(MIN_CWND_SEGMENTS, inflightHiBytes / unitBytes()));
        }
        long cwnd = cwndSegments;
        long ackedSegments = segments(acked);
        if (pipe.reached()) {
            cwnd = Math.min(cwnd + ackedSegments, target);
        } else if (cwnd < target || totalDeliveredBytes < (long) INITIAL_CWND_SEGMENTS * unitBytes()) {
            cwnd += ackedSegments;
        }
        cwndSegments = (int) Math.min(Math.max(cwnd, MIN_CWND_SEGMENTS), Integer.MAX_VALUE);
        applyCaps();
    }

    /** The window the engine sees: the model's, under PROBE_RTT's and the timeout's caps. */
    private void applyCaps() {
        int cwnd = cwndSegments;
        if (mode == BbrMode.PROBE_RTT) {
            cwnd = Math.min(cwnd, probeRttCwndSegments());
        }
        if (timeoutCapped) {
            cwnd = Math.min(cwnd, timeoutCapSegments);
        }
        effectiveCwndSegments = cwnd;
    }

    /** @return segments for {@code gain} BDPs plus the aggregation quantum; the initial window without a model */
    private long targetCwndSegments(double gain) {
        if (bandwidth.max() <= 0 || minRtt.micros() < 0) {
            return INITIAL_CWND_SEGMENTS;
        }
        // STARTUP's acknowledgements outrun the lagging estimate by design, which the aggregation filter would
        // take for bunching: its extra would let STARTUP overshoot by up to 100 ms of the rate (Linux adds it only
        // once the pipe is full, bbr_ack_aggregation_cwnd)
        long extra = pipe.reached() ? aggregation.extraBytes() : 0;
        long segments = (long) Math.ceil((gain * bdpBytes() + extra) / unitBytes()) + ACK_AGGREGATION_QUANTUM_SEGMENTS;
        return Math.max(segments, MIN_CWND_SEGMENTS);
    }

    private int probeRttCwndSegments() {
        long segments = (long) Math.ceil(PROBE_RTT_CWND_GAIN * bdpBytes() / unitBytes());
        return (int) Math.min(Math.max(segments, MIN_CWND_SEGMENTS), Integer.MAX_VALUE);
    }

    /** @return the bandwidth-delay product in bytes, with the RTT at least 1 ms; 0 without both estimates */
    private long bdpBytes() {
        return minRtt.micros() < 0 ? 0
                : bandwidth.max() * Math.max(minRtt.micros(), MIN_MODEL_RTT_MICROS) / MICROS_PER_SECOND;
    }

    /**
     * The least pacing rate: the minimum window per min RTT. A flow that sends less than the path carries (a
     * message every 10 ms) measures only its own rate; pacing at exactly that, a loss's retransmission no longer
     * fits and its queue grows without end. Below this rate the window (at least {@link BbrParameters#MIN_CWND_SEGMENTS})
     * is what limits the sender, as it does for any window-based transport; a bulk flow paces far above it.
     */
    private long minimumPacingRate() {
        long rtt = Math.max(minRtt.micros(), MIN_MODEL_RTT_MICROS);
        return (long) MIN_CWND_SEGMENTS * segmentBytes * MICROS_PER_SECOND / rtt;
    }

    private long initialPacingRate(long rttMicros) {
        return (long) (STARTUP_PACING_GAIN * INITIAL_CWND_SEGMENTS * segmentBytes * MICROS_PER_SECOND / rttMicros);
    }

    private long segments(long bytes) {
        return segmentSize.segments(bytes);
    }

    // for tests and status: read-only views of the model

    BbrMode mode() {
        return mode;
    }

    long bottleneckBandwidthBytesPerSecond() {
        return bandwidth.max();
    }

    long minRttMicros() {
        return minRtt.micros();
    }

    long minRttStampMicros() {
        return minRtt.stampMicros();
    }

    long roundCount() {
        return roundCount;
    }

    long inflightHiBytes() {
        return inflightHiBytes;
    }

    boolean fullBandwidthReached() {
        return pipe.reached();
    }

    double pacingGain() {
        return pacingGain;
    }

    int segmentBytes() {
        return segmentBytes;
    }
}
