package io.uxp.testkit;

/**
 * How a {@link LinkSimulator} mistreats the datagrams of one direction. Probabilities are in
 * {@code [0, 1]}; delays are milliseconds of virtual time.
 *
 * @param loss probability that a datagram is dropped
 * @param minDelayMillis smallest one-way delay
 * @param maxDelayMillis largest one-way delay; delays are uniform in {@code [min, max]}, so jitter reorders
 * @param duplicate probability that a datagram is delivered twice (the copy gets its own delay)
 * @param reorder probability that a datagram is held back by an extra delay, past later datagrams
 * @param reorderHoldMillis the largest extra delay of a held-back datagram (uniform in {@code [1, hold]})
 * @param corrupt probability that one random bit of a datagram is flipped
 */
public record Impairment(double loss, int minDelayMillis, int maxDelayMillis, double duplicate, double reorder,
        int reorderHoldMillis, double corrupt) {

    /** A perfect link: no loss, no delay, nothing duplicated, reordered or corrupted. */
    public static final Impairment NONE = new Impairment(0, 0, 0, 0, 0, 1, 0);

    /** Validates the fields. */
    public Impairment {
        probability("loss", loss);
        probability("duplicate", duplicate);
        probability("reorder", reorder);
        probability("corrupt", corrupt);
        if (minDelayMillis < 0 || maxDelayMillis < minDelayMillis) {
            throw new IllegalArgumentException("delay range must satisfy 0 <= min <= max, got " + minDelayMillis
                    + ".." + maxDelayMillis);
        }
        if (reorderHoldMillis < 1) {
            throw new IllegalArgumentException("reorderHoldMillis must be >= 1, got " + reorderHoldMillis);
        }
    }

    private static void probability(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " must be a probability in [0, 1], got " + p);
        }
    }

    Impairment withLoss(double p) {
        return new Impairment(p, minDelayMillis, maxDelayMillis, duplicate, reorder, reorderHoldMillis, corrupt);
    }

    Impairment withDelay(int min, int max) {
        return new Impairment(loss, min, max, duplicate, reorder, reorderHoldMillis, corrupt);
    }

    Impairment withDuplicate(double p) {
        return new Impairment(loss, minDelayMillis, maxDelayMillis, p, reorder, reorderHoldMillis, corrupt);
    }

    Impairment withReorder(double p, int holdMillis) {
        return new Impairment(loss, minDelayMillis, maxDelayMillis, duplicate, p, holdMillis, corrupt);
    }

    Impairment withCorrupt(double p) {
        return new Impairment(loss, minDelayMillis, maxDelayMillis, duplicate, reorder, reorderHoldMillis, p);
    }
}
