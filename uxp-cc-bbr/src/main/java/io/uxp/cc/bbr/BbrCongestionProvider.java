package io.uxp.cc.bbr;

import io.uxp.api.spi.CongestionControlProvider;
import io.uxp.api.spi.CongestionController;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Congestion control {@value #NAME}: UXP's default, model-based in the manner of BBR. It paces at the estimated
 * bottleneck bandwidth and keeps the window near twice the estimated bandwidth-delay product; random loss does
 * not slow it down, loss together with a growing queue does (see the module's README.md).
 * Public only so {@link java.util.ServiceLoader} can instantiate it; its package is not exported.
 *
 * <p>Thread-safe: each controller gets its own seed for the phase PROBE_BW starts in, from a counter, so flows
 * of one process do not probe in lockstep while every run with the same sequence of connections is repeatable.
 */
public final class BbrCongestionProvider implements CongestionControlProvider {

    /** The wire name. */
    public static final String NAME = "bbr";

    /** First seed handed to a controller (any odd constant: the golden-ratio increment of SplitMix64). */
    private static final long FIRST_SEED = 0x9E3779B97F4A7C15L;

    private final AtomicLong seeds = new AtomicLong(FIRST_SEED);

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public BbrCongestionProvider() {
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
        return new BbrController(mssBytes, seeds.getAndAdd(FIRST_SEED));
    }

    @Override
    public String toString() {
        return NAME;
    }
}
