package io.uxp.cc.bbr;

import static io.uxp.cc.bbr.BbrParameters.PROBE_BW_DRAIN_MAX_RTTS;
import static io.uxp.cc.bbr.BbrParameters.PROBE_BW_DRAIN_PHASE;
import static io.uxp.cc.bbr.BbrParameters.PROBE_BW_PACING_GAINS;

/**
 * PROBE_BW's gain cycle ({@link BbrParameters#PROBE_BW_PACING_GAINS}): which phase runs, since when, and when it
 * ends. Each phase lasts a min RTT; probing up also waits for in flight to reach its gain (or a loss); draining
 * ends once in flight is down to the BDP (BBR; Linux tcp_bbr; draft ProbeBW_DOWN), for at most
 * {@link BbrParameters#PROBE_BW_DRAIN_MAX_RTTS} min RTTs. The controller starts each phase, so that it can
 * re-enter STARTUP at a cycle's start instead.
 *
 * <p>One owner thread; primitives only.
 */
final class ProbeBwCycle {

    /** xorshift64 state for the start phase; never 0. */
    private long random;
    private int phase;
    private long phaseStartMicros;
    private boolean lossInPhase;

    /** @param seed seeds the choice of the phase PROBE_BW starts in */
    ProbeBwCycle(long seed) {
        this.random = seed == 0 ? 1 : seed;
    }

    /** @return a phase chosen at random to enter PROBE_BW in, never the drain phase (it would waste a cycle) */
    int randomStartPhase() {
        random ^= random << 13;
        random ^= random >>> 7;
        random ^= random << 17;
        int choice = (int) Long.remainderUnsigned(random, PROBE_BW_PACING_GAINS.length - 1);
        return choice >= PROBE_BW_DRAIN_PHASE ? choice + 1 : choice;
    }

    /** Starts {@code phase} at {@code nowMicros}. */
    void start(int phase, long nowMicros) {
        this.phase = phase;
        phaseStartMicros = nowMicros;
        lossInPhase = false;
    }

    /** @return the running phase's pacing gain */
    double gain() {
        return PROBE_BW_PACING_GAINS[phase];
    }

    /** Notes a loss in the running phase: it ends a probe up once the phase has lasted its min RTT. */
    void onLoss() {
        lossInPhase = true;
    }

    /**
     * @param nowMicros the current time
     * @param inflightBytes bytes in flight after this acknowledgement
     * @param ackedBytes bytes it acknowledged
     * @param bdpBytes the model's bandwidth-delay product
     * @param minRttMicros the model's min RTT
     * @return the phase to start next if the running one is over, else -1
     */
    int next(long nowMicros, long inflightBytes, long ackedBytes, long bdpBytes, long minRttMicros) {
        double gain = gain();
        boolean fullLength = nowMicros - phaseStartMicros > minRttMicros;
        boolean over;
        if (gain > 1) {
            over = fullLength && (lossInPhase || inflightBytes + ackedBytes >= (long) (gain * bdpBytes));
        } else if (gain < 1) {
            // until the probe's queue, and any that stood before it, is gone, for at most a few min RTTs: a queue
            // that another flow keeps full would otherwise hold the gain below 1 for good
            over = inflightBytes <= bdpBytes || nowMicros - phaseStartMicros > PROBE_BW_DRAIN_MAX_RTTS * minRttMicros;
        } else {
            over = fullLength;
        }
        return over ? (phase + 1) % PROBE_BW_PACING_GAINS.length : -1;
    }
}
