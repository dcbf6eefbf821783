package io.uxp.cli.relay;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What an impairment does to each datagram, independently per datagram and per direction.
 *
 * @param loss probability that a datagram is dropped, in [0, 1]
 * @param delay fixed one-way delay added to every datagram
 * @param jitter half-width of a uniform random variation added to the delay ({@code delay +- jitter},
 *     never below zero); jitter alone can reorder datagrams, as on a real path
 * @param reorder probability that a datagram is held back by {@link #reorderHold()} so that later ones
 *     overtake it, in [0, 1]
 * @param duplicate probability that a datagram is sent twice, in [0, 1]
 * @param corrupt probability that one random bit of a datagram is flipped, in [0, 1]
 */
public record ImpairmentSpec(double loss, Duration delay, Duration jitter, double reorder, double duplicate,
        double corrupt) {

    /** Least hold-back of a reordered datagram: long enough for a burst of later datagrams to overtake it. */
    static final Duration MIN_REORDER_HOLD = Duration.ofMillis(10);

    /** Nothing is impaired: every datagram is forwarded at once, unchanged. */
    public static final ImpairmentSpec NONE = new ImpairmentSpec(0, Duration.ZERO, Duration.ZERO, 0, 0, 0);

    /** Validates the fields. */
    public ImpairmentSpec {
        checkProbability(loss, "loss");
        checkProbability(reorder, "reorder");
        checkProbability(duplicate, "duplicate");
        checkProbability(corrupt, "corrupt");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(jitter, "jitter");
        if (delay.isNegative() || jitter.isNegative()) {
            throw new IllegalArgumentException("delay and jitter must not be negative");
        }
    }

    /**
     * @param loss drop probability, in [0, 1]
     * @param delay one-way delay
     * @param jitter delay variation
     * @return a spec with only loss, delay and jitter
     */
    public static ImpairmentSpec of(double loss, Duration delay, Duration jitter) {
        return new ImpairmentSpec(loss, delay, jitter, 0, 0, 0);
    }

    /** @return the extra time a reordered datagram waits: the larger of the delay and 10 ms */
    public Duration reorderHold() {
        return delay.compareTo(MIN_REORDER_HOLD) > 0 ? delay : MIN_REORDER_HOLD;
    }

    /** @return whether any datagram can be dropped, delayed, reordered, duplicated or corrupted */
    public boolean impairs() {
        return !equals(NONE);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "loss %.2f%%, delay %d ms, jitter %d ms, reorder %.2f%%, duplicate %.2f%%, corrupt %.2f%%",
                loss * 100, delay.toMillis(), jitter.toMillis(), reorder * 100, duplicate * 100, corrupt * 100);
    }

    private static void checkProbability(double p, String what) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(what + " must be a probability in [0, 1], got " + p);
        }
    }
}
