package io.uxp.kcp.cc;

import io.uxp.api.spi.AckSample;
import io.uxp.api.spi.CongestionControlProvider;
import io.uxp.api.spi.CongestionController;
import io.uxp.api.spi.LossSample;

/**
 * Congestion control {@value #NAME}: none; the send window is limited only by the local send window and the
 * peer's receive window (the reference's {@code nc = 1}), and nothing is paced. Public only so
 * {@link java.util.ServiceLoader} can instantiate it; its package is not exported.
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
        public long pacingRate() {
            return 0;
        }

        @Override
        public void onSent(long nowMicros, int bytes, boolean retransmission) {
        }

        @Override
        public void onAcknowledged(AckSample ack) {
        }

        @Override
        public void onLost(LossSample loss) {
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
