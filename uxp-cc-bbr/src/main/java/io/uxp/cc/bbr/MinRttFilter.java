package io.uxp.cc.bbr;

import static io.uxp.cc.bbr.BbrParameters.MIN_RTT_WINDOW_MICROS;

/**
 * The path's minimum RTT over the last {@link BbrParameters#MIN_RTT_WINDOW_MICROS} (draft-ietf-ccwg-bbr
 * BBR.min_rtt and BBR.min_rtt_stamp): a lower sample replaces it at once; once it has stood unrefreshed for the
 * window, the next sample replaces it whatever its value, and the expiry tells the controller to enter PROBE_RTT.
 *
 * <p>One owner thread; primitives only.
 */
final class MinRttFilter {

    /** -1 before the first sample. */
    private long minRttMicros = -1;
    private long stampMicros;

    /**
     * @param nowMicros the sample's time
     * @param rttMicros the sample, or negative for none
     * @return whether the estimate had stood unrefreshed for the window before this sample
     */
    boolean update(long nowMicros, long rttMicros) {
        boolean expired = minRttMicros >= 0 && nowMicros - stampMicros > MIN_RTT_WINDOW_MICROS;
        if (rttMicros >= 0 && (minRttMicros < 0 || rttMicros < minRttMicros || expired)) {
            minRttMicros = rttMicros;
            stampMicros = nowMicros;
        }
        return expired;
    }

    /** Marks the estimate as freshly measured (PROBE_RTT drained the queue, so what it saw is the path's). */
    void refresh(long nowMicros) {
        stampMicros = nowMicros;
    }

    /** @return the estimate in microseconds, or -1 before any sample */
    long micros() {
        return minRttMicros;
    }

    /** @return when the estimate was last set or refreshed */
    long stampMicros() {
        return stampMicros;
    }
}
