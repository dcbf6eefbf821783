package io.uxp.cli;

import io.uxp.cli.relay.ImpairmentSpec;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The impairment options shared by {@code uxp relay} and {@code uxp demo} (whose in-process relay uses the same
 * model): loss, delay, jitter, reordering, duplication and corruption, each per datagram and per direction.
 */
final class ImpairmentOptions {

    @Option(names = "--loss", paramLabel = "P%", defaultValue = "0", converter = Converters.PercentConverter.class,
            description = "Drop probability per datagram and direction, e.g. 10%% (default ${DEFAULT-VALUE}).")
    double loss;

    @Option(names = "--delay", paramLabel = "D", defaultValue = "0ms", converter = Converters.DurationConverter.class,
            description = "One-way delay in each direction, e.g. 20ms (default ${DEFAULT-VALUE}).")
    Duration delay;

    @Option(names = "--jitter", paramLabel = "J", defaultValue = "0ms",
            converter = Converters.DurationConverter.class,
            description = "Uniform delay variation +-J; reorders like a real path (default ${DEFAULT-VALUE}).")
    Duration jitter;

    @Option(names = "--reorder", paramLabel = "P%", defaultValue = "0", converter = Converters.PercentConverter.class,
            description = "Probability that a datagram is held back max(delay, 10ms) so later ones overtake it "
                    + "(default ${DEFAULT-VALUE}).")
    double reorder;

    @Option(names = "--duplicate", paramLabel = "P%", defaultValue = "0",
            converter = Converters.PercentConverter.class,
            description = "Probability that a datagram is sent twice (UXP's replay window drops the copy) "
                    + "(default ${DEFAULT-VALUE}).")
    double duplicate;

    @Option(names = "--corrupt", paramLabel = "P%", defaultValue = "0", converter = Converters.PercentConverter.class,
            description = "Probability that one random bit of a datagram is flipped (UXP's AEAD drops it) "
                    + "(default ${DEFAULT-VALUE}).")
    double corrupt;

    /** @return the model these options describe */
    ImpairmentSpec spec() {
        return new ImpairmentSpec(loss, delay, jitter, reorder, duplicate, corrupt);
    }
}
