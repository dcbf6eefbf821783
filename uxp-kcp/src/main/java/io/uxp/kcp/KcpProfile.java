package io.uxp.kcp;

import java.util.Objects;

/**
 * A {@link KcpConfig} together with the congestion-control provider to use, the Java form of the reference's
 * {@code ikcp_nodelay(kcp, nodelay, interval, resend, nc)}: the first three go into the config, and {@code nc}
 * chooses the provider ({@code nc = 1}, no congestion control, is the provider {@value #FIXED}; otherwise
 * {@value #KCP}).
 *
 * @param config the engine settings
 * @param congestionControl wire name of the congestion-control provider
 */
public record KcpProfile(KcpConfig config, String congestionControl) {

    /** Wire name of the reference's congestion control. */
    public static final String KCP = "kcp";
    /** Wire name of "no congestion control" (the reference's {@code nc = 1}). */
    public static final String FIXED = "fixed";

    /** Validates the fields. */
    public KcpProfile {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(congestionControl, "congestionControl");
    }

    /**
     * Maps the reference's {@code ikcp_nodelay} onto a profile.
     *
     * @param base the config to start from (windows, MTU, mode, reserved bytes are kept)
     * @param nodelay the reference's {@code nodelay} level: 0 off, 1 on, 2 on with the {@code rx_rto/2} backoff;
     *     larger values act as 2, as in {@code ikcp.c}
     * @throws IllegalArgumentException if {@code nodelay} is negative
     * @param intervalMillis the reference's {@code interval}, 1..5000
     * @param resend the reference's {@code resend} (fast retransmit trigger), 0 = off
     * @param nc the reference's {@code nc}: 1 disables congestion control
     * @return the profile
     */
    public static KcpProfile reference(KcpConfig base, int nodelay, int intervalMillis, int resend, int nc) {
        if (nodelay < 0) {
            throw new IllegalArgumentException("nodelay must be >= 0, got " + nodelay);
        }
        return new KcpProfile(base.withNodelay(Math.min(nodelay, KcpConfig.MAX_NODELAY_MODE), intervalMillis, resend),
                nc == 1 ? FIXED : KCP);
    }

    /** @return the reference's normal mode, {@code ikcp_nodelay(0, 40, 0, 0)} */
    public static KcpProfile normal() {
        return reference(KcpConfig.defaults(), 0, 40, 0, 0);
    }

    /** @return the reference's fastest mode, {@code ikcp_nodelay(1, 10, 2, 1)} */
    public static KcpProfile fast() {
        return reference(KcpConfig.defaults(), 1, 10, 2, 1);
    }
}
