package io.uxp.cc.bbr;

/**
 * What a controller showed while a {@link PathSimulator} ran, read once per simulated millisecond (so averages
 * are over time, not over acknowledgements). Only instants in PROBE_BW are counted when {@code probeBwOnly}.
 */
final class Trace {

    private static final long TICK_MICROS = 1_000;

    int samples;
    double pacingSum;
    double cwndSum;
    long minPacing = Long.MAX_VALUE;
    int minCwnd = Integer.MAX_VALUE;
    long minBandwidth = Long.MAX_VALUE;
    int inflightBoundSamples;

    /**
     * @param sim the path, run from its current time
     * @param untilMicros when to stop
     * @param probeBwOnly whether to count only instants in PROBE_BW
     * @return what was seen
     */
    static Trace run(PathSimulator sim, long untilMicros, boolean probeBwOnly) {
        Trace trace = new Trace();
        for (long t = sim.nowMicros() + TICK_MICROS; t <= untilMicros; t += TICK_MICROS) {
            sim.runUntil(t);
            BbrController cc = sim.cc;
            if (probeBwOnly && cc.mode() != BbrMode.PROBE_BW) {
                continue;
            }
            trace.samples++;
            trace.pacingSum += cc.pacingRate();
            trace.cwndSum += cc.congestionWindow();
            trace.minPacing = Math.min(trace.minPacing, cc.pacingRate());
            trace.minCwnd = Math.min(trace.minCwnd, cc.congestionWindow());
            trace.minBandwidth = Math.min(trace.minBandwidth, cc.bottleneckBandwidthBytesPerSecond());
            if (cc.inflightHiBytes() != Long.MAX_VALUE) {
                trace.inflightBoundSamples++;
            }
        }
        return trace;
    }

    double meanPacing() {
        return pacingSum / samples;
    }

    double meanCwnd() {
        return cwndSum / samples;
    }
}
