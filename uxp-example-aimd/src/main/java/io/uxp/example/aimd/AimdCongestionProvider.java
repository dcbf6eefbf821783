package io.uxp.example.aimd;

import io.uxp.api.spi.CongestionControlProvider;
import io.uxp.api.spi.CongestionController;

/**
 * Provider of {@code example-aimd}: additive increase, multiplicative decrease. The window grows by about one
 * segment per window of acknowledgements, halves on a loss found by duplicate acknowledgements or by time
 * (RACK), and falls to a floor on a timeout.
 * Public only because {@link java.util.ServiceLoader} instantiates it; its package is not exported.
 */
public final class AimdCongestionProvider implements CongestionControlProvider {

    /** The wire name. A third party picks its own; it must never change once peers depend on it. */
    public static final String NAME = "example-aimd";

    /** Required by {@link java.util.ServiceLoader}. */
    public AimdCongestionProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CongestionController newController(int mssBytes) {
        return new AimdController();
    }
}
