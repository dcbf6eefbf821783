package io.uxp.cc.bbr;

import static io.uxp.cc.bbr.BbrParameters.REGROWTH_CYCLES;
import static io.uxp.cc.bbr.BbrParameters.REGROWTH_FACTOR;
import static io.uxp.cc.bbr.BbrParameters.STARTUP_FLAT_ROUNDS;
import static io.uxp.cc.bbr.BbrParameters.STARTUP_GROWTH_FACTOR;

/**
 * Whether the pipe is full: STARTUP's test (the bandwidth estimate grew by less than
 * {@link BbrParameters#STARTUP_GROWTH_FACTOR} for {@value BbrParameters#STARTUP_FLAT_ROUNDS} rounds in a row, draft
 * section 4.3.1.2), a congested round declaring it full at once, and the converse in PROBE_BW: an estimate that
 * keeps growing from cycle to cycle means the pipe was not full after all. Primitives only; one owner thread.
 */
final class PipeFullness {
    private boolean reached;
    /** The estimate the flat rounds are counted against. */
    private long fullBandwidthBytesPerSecond;
    private int flatRounds;
    /** The estimate at the start of the current gain cycle, and how many cycles in a row it grew. */
    private long cycleStartBandwidth;
    private int growingCycles;

    /** @return whether the pipe is taken to be full */
    boolean reached() {
        return reached;
    }

    /** A round ended that was not application-limited, with this bandwidth estimate. */
    void onRound(long bandwidthBytesPerSecond) {
        if (bandwidthBytesPerSecond >= fullBandwidthBytesPerSecond * STARTUP_GROWTH_FACTOR) {
            fullBandwidthBytesPerSecond = bandwidthBytesPerSecond;
            flatRounds = 0;
        } else if (++flatRounds >= STARTUP_FLAT_ROUNDS) {
            reached = true;
        }
    }

    /** A round lost while its RTT showed a queue: in STARTUP, the pipe is full. */
    void onCongestedRound() {
        reached = true;
    }

    /**
     * At each new gain cycle, whether the bandwidth estimate kept growing by {@link BbrParameters#REGROWTH_FACTOR}
     * per cycle for {@link BbrParameters#REGROWTH_CYCLES} cycles: at a full pipe a cycle's probe finds at most a few
     * percent, so steady growth means STARTUP ended early (on a host still compiling its hot path, or after the
     * path gained capacity), and probing at 1.25 once per eight rounds would take seconds to catch up.
     */
    boolean regrowthAtCycleStart(long bandwidthBytesPerSecond) {
        if (cycleStartBandwidth > 0 && bandwidthBytesPerSecond >= cycleStartBandwidth * REGROWTH_FACTOR) {
            growingCycles++;
        } else {
            growingCycles = 0;
        }
        cycleStartBandwidth = bandwidthBytesPerSecond;
        return growingCycles >= REGROWTH_CYCLES;
    }

    /** STARTUP again: not full, the flat rounds counted from this estimate. */
    void restart(long bandwidthBytesPerSecond) {
        growingCycles = 0;
        cycleStartBandwidth = 0;
        reached = false;
        fullBandwidthBytesPerSecond = bandwidthBytesPerSecond;
        flatRounds = 0;
    }
}
