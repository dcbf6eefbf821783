package io.uxp.cc.bbr.sim;

import io.uxp.cc.bbr.BbrCongestionProvider;
import io.uxp.kcp.KcpConfig;

/**
 * The settings the simulations share: the runtime's KCP defaults and the figures that follow from a bottleneck.
 * Rates are bits per second, delays microseconds, sizes bytes.
 */
final class SimScenario {
    /** KCP MTU: a 1400-byte path MTU minus the {@link Dumbbell#UXP_OVERHEAD_BYTES} UXP adds. */
    static final int KCP_MTU_BYTES = 1400 - Dumbbell.UXP_OVERHEAD_BYTES;
    /** Send and receive windows, in segments: the runtime's {@code ConnectionSettings.DEFAULT_WINDOW}. */
    static final int WINDOW_SEGMENTS = 16_384;
    /** Flush interval (the runtime's). */
    static final int INTERVAL_MILLIS = 10;
    /** Fast-resend trigger (the runtime's). */
    static final int FAST_RESEND = 2;
    /** Dead-link detection off: no transmission count closes a simulated flow. */
    static final int DEAD_LINK_OFF = Integer.MAX_VALUE;

    private SimScenario() {
    }

    /** @return a KcpConfig like the runtime's defaults, with time-based loss detection on */
    static KcpConfig runtimeLikeConfig() {
        return KcpConfig.defaults().withMtuBytes(KCP_MTU_BYTES).withWindows(WINDOW_SEGMENTS, WINDOW_SEGMENTS)
                .withNodelay(true, INTERVAL_MILLIS, FAST_RESEND).withDeadLinkThreshold(DEAD_LINK_OFF)
                .withTimeLossDetection(true);
    }

    /** @return the provider under test */
    static BbrCongestionProvider provider() {
        return new BbrCongestionProvider();
    }

    /**
     * @return the share of the bottleneck a full data datagram's payload gets:
     *     {@code mss / (mss + 24 + UXP overhead)} = 1336 / 1400
     */
    static double payloadShare() {
        int mss = runtimeLikeConfig().mssBytes();
        return mss / (double) (mss + Dumbbell.KCP_HEADER_BYTES + Dumbbell.UXP_OVERHEAD_BYTES);
    }

    /**
     * @param bitsPerSecond the bottleneck rate
     * @param baseRttMicros the round-trip propagation delay
     * @return the bandwidth-delay product, in bytes
     */
    static int bdpBytes(long bitsPerSecond, long baseRttMicros) {
        return (int) (bitsPerSecond * baseRttMicros / 8 / 1_000_000);
    }
}
