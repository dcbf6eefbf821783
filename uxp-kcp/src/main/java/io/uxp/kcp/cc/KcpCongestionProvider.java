package io.uxp.kcp.cc;

import io.uxp.api.spi.CongestionControlProvider;
import io.uxp.api.spi.CongestionController;

/**
 * Congestion control {@value #NAME}: the reference KCP's slow start, congestion avoidance and loss reactions.
 * Public only so {@link java.util.ServiceLoader} can instantiate it; its package is not exported.
 */
public final class KcpCongestionProvider implements CongestionControlProvider {

    /** The wire name. */
    public static final String NAME = "kcp";

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public KcpCongestionProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CongestionController newController(int mssBytes) {
        if (mssBytes < 1) {
            throw new IllegalArgumentException("mssBytes must be >= 1, got " + mssBytes);
        }
        return new KcpCongestionController(mssBytes);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
