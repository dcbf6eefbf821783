package io.uxp.cc.bbr;

/**
 * Every gain, threshold and window of the {@code bbr} controller, in one place for tuning. Sources: "BBR" is
 * Cardwell et al., "BBR: Congestion-Based Congestion Control", ACM Queue 14(5), 2016; "draft" is
 * draft-ietf-ccwg-bbr (BBRv3), cited by the parameter's name there. Where UXP departs from both, the comment says
 * so and README.md says why.
 */
final class BbrParameters {

    /** KCP segment header on the wire, in bytes (reference ikcp.c IKCP_OVERHEAD); a full segment is mss + this. */
    static final int SEGMENT_HEADER_BYTES = 24;

    /** Pacing gain in STARTUP: 4 ln 2 = 2.77, doubling the delivery rate per round (draft BBRStartupPacingGain). */
    static final double STARTUP_PACING_GAIN = 4 * Math.log(2);
    /**
     * In STARTUP the pacing rate is at least this many windows per min RTT (UXP): the delivery-rate samples of a
     * host that is slow to send lag behind its window, and pacing at 2.77 times them held the window back.
     */
    static final long STARTUP_WINDOW_PACING_GAIN = 2;
    /**
     * Cwnd gain in STARTUP and DRAIN (UXP; draft BBRStartupCwndGain = 2). The draft's 2 puts up to one BDP in the
     * bottleneck's queue during STARTUP's last rounds, which fills a one-BDP drop-tail buffer and drops; 1.5 still
     * grows the window by half per round, twice STARTUP's full-pipe threshold of a quarter (docs/BENCHMARKS.md).
     */
    static final double STARTUP_CWND_GAIN = 1.5;
    /** Pacing gain in DRAIN: the inverse of the startup gain, as in BBR (the draft uses 0.35). */
    static final double DRAIN_PACING_GAIN = 1 / STARTUP_PACING_GAIN;
    /** Cwnd gain in PROBE_BW (BBR; draft BBR.cwnd_gain = 2 outside ProbeBW_UP). */
    static final double PROBE_BW_CWND_GAIN = 2.0;
    /** PROBE_BW's eight phases, each at least one min RTT: probe up, drain the probe's queue, cruise (BBR). */
    static final double[] PROBE_BW_PACING_GAINS = {1.25, 0.75, 1, 1, 1, 1, 1, 1};
    /** Index of the phase PROBE_BW never starts in: starting with a drain would waste a cycle (BBR, Linux tcp_bbr). */
    static final int PROBE_BW_DRAIN_PHASE = 1;

    /**
     * Longest the 0.75 phase waits for in flight to fall to the BDP, in min RTTs (UXP: BBR ends it after one min RTT
     * whatever is in flight, [draft] ProbeBW_DOWN only once in flight is down). One was not enough to drain the
     * queue a bandwidth estimate a few percent high builds over the cruise phases; an unbounded wait would keep the
     * gain below 1 for as long as another flow keeps the queue full.
     */
    static final int PROBE_BW_DRAIN_MAX_RTTS = 3;

    /** Pacing below the estimate, so a flow at gain 1 does not build a queue (draft BBRPacingMarginPercent = 1). */
    static final double PACING_MARGIN = 0.01;
    /** Rounds the bottleneck-bandwidth max filter spans (BBR: 6 to 10 round trips; draft uses 2 ProbeBW cycles). */
    static final int BANDWIDTH_WINDOW_ROUNDS = 10;
    /**
     * Least RTT the model uses for the BDP and the queue test: KCP timestamps count milliseconds, so a sample of 0
     * means "under 1 ms" (UXP).
     */
    static final long MIN_MODEL_RTT_MICROS = 1_000L;
    /** Span of the min-RTT filter, and how stale it may get before PROBE_RTT (BBR: 10 s; draft BBRMinRTTFilterLen). */
    static final long MIN_RTT_WINDOW_MICROS = 10_000_000L;

    /** STARTUP ends when the estimate grew less than this factor ... (draft: 1.25, "full pipe" detection). */
    static final double STARTUP_GROWTH_FACTOR = 1.25;
    /** ... over this many consecutive non-app-limited rounds (draft: 3 rounds). */
    static final int STARTUP_FLAT_ROUNDS = 3;

    /** Least time PROBE_RTT holds the window down, once in flight has fallen (draft ProbeRTTDuration = 200 ms). */
    static final long PROBE_RTT_DURATION_MICROS = 200_000L;
    /** Window in PROBE_RTT as a fraction of the BDP (draft BBRProbeRTTCwndGain = 0.5; BBRv1 used 4 packets). */
    static final double PROBE_RTT_CWND_GAIN = 0.5;

    /** Window before the first bandwidth sample, in segments (UXP choice, as the brief for KCP asks; draft: 10). */
    static final int INITIAL_CWND_SEGMENTS = 32;
    /** RTT assumed for the initial pacing rate until a sample arrives (draft BBRInitPacingRate: 1 ms without SRTT). */
    static final long INITIAL_RTT_MICROS = 1_000L;
    /** Least window: enough to keep acknowledgements flowing (draft BBRMinPipeCwnd = 4 packets). */
    static final int MIN_CWND_SEGMENTS = 4;
    /** Segments added to the BDP window for delayed and aggregated acks (UXP: a fixed quantum, no estimator). */
    static final int ACK_AGGREGATION_QUANTUM_SEGMENTS = 3;

    /** A round with a larger share of bytes lost may be congestion (draft BBRLossThresh = 2%). */
    static final double LOSS_THRESHOLD = 0.02;
    /** ... if even its smallest RTT exceeds min RTT by this factor, a standing queue (UXP; the draft has none). */
    static final double QUEUE_RTT_FACTOR = 1.5;
    /**
     * Rounds whose smallest RTT is within this factor of min RTT had no standing queue: their loss share enters
     * the random-loss average that the pacing rate makes up for (UXP, see README.md).
     */
    static final double RANDOM_LOSS_RTT_FACTOR = 1.25;
    /** Gain of that average, per round. */
    static final double RANDOM_LOSS_GAIN = 0.125;
    /** A round must carry at least this many full segments' bytes to enter it. */
    static final int RANDOM_LOSS_MIN_ROUND_SEGMENTS = 8;
    /** The most random loss the pacing rate makes up for: beyond it the path is more than lossy. */
    static final double MAX_LOSS_COMPENSATION = 0.15;

    /** Multiplicative decrease of the in-flight bound on congestion (draft BBRBeta = 0.7). */
    static final double LOSS_BETA = 0.7;

    /** One second, in microseconds. */
    static final long MICROS_PER_SECOND = 1_000_000L;

    private BbrParameters() {
    }

    /**
     * Growth of the bandwidth estimate per PROBE_BW gain cycle that, sustained for {@link #REGROWTH_CYCLES} cycles,
     * sends the controller back to STARTUP (a departure from [BBR] and [draft], see README.md: they keep probing at
     * 1.25 once per cycle, about +19% per eight rounds under 5% loss).
     */
    static final double REGROWTH_FACTOR = 1.1;
    /** Cycles of sustained growth before STARTUP is entered again. */
    static final int REGROWTH_CYCLES = 2;
}
