package io.uxp.kcp.cc;

import io.uxp.api.spi.CongestionControlProvider;
import io.uxp.api.spi.CongestionController;

/**
 * Congestion control {@value #NAME}: none; the send window is limited only by the local send window and the
 * peer's receive window (the reference's {@code nc = 1}). Public only so {@link java.util.ServiceLoader} can
 * instantiate it; its package is not exported.
 */
public final class FixedCongestionProvider implements CongestionControlProvider {

    /** The wire name. */
    public static final String NAME = "fixed";

    /** Stateless, so every connection shares it. */
    private static final CongestionController UNLIMITED = new CongestionController() {
        @Override
        public int congestionWindow() {
            return Integer.MAX_VALUE;
        }

        @Override
        public int slowStartThreshold() {
            return 0;
        }

        @Override
        public void onAcknowledged(int remoteWindow, long nowMillis) {
        }

        @Override
        public void onFastRetransmit(int inFlight, int resendThreshold, long nowMillis) {
        }

        @Override
        public void onTimeout(int windowInUse, long nowMillis) {
        }

        @Override
        public void onRttSample(int rttMillis, long nowMillis) {
        }
    };

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public FixedCongestionProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CongestionController newController(int mssBytes) {
        return UNLIMITED;
    }

    @Override
    public String toString() {
        return NAME;
    }
}
