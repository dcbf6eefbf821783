package io.uxp.cli.relay;

import java.util.SplittableRandom;

/**
 * The impairment model: decides, datagram by datagram, whether to drop, corrupt, duplicate, delay or hold
 * back. Decisions come from one seeded {@link SplittableRandom}, drawn in a fixed order per datagram, so the
 * same seed and the same sequence of datagrams give the same decisions. Used by {@code uxp relay}, by the
 * in-process relay of {@code uxp demo --loss} and by {@code uxp bench}.
 *
 * <p>Not thread-safe: one instance per direction, used by that direction's receiving thread.
 */
public final class Impairment {

    /** Copies a datagram can turn into: the original and one duplicate. */
    public static final int MAX_COPIES = 2;

    private final ImpairmentSpec spec;
    private final SplittableRandom random;
    private final DirectionStats stats;
    private final long delayNanos;
    private final long jitterNanos;
    private final long reorderHoldNanos;
    private final boolean[] held = new boolean[MAX_COPIES];

    /**
     * @param spec what to do
     * @param seed the random seed
     * @param stats where to count what was done
     */
    public Impairment(ImpairmentSpec spec, long seed, DirectionStats stats) {
        this.spec = spec;
        this.random = new SplittableRandom(seed);
        this.stats = stats;
        this.delayNanos = spec.delay().toNanos();
        this.jitterNanos = spec.jitter().toNanos();
        this.reorderHoldNanos = spec.reorderHold().toNanos();
    }

    /**
     * Decides the fate of one datagram. Corruption happens in place, in {@code data}; every copy to send
     * gets its own delay.
     *
     * @param data the datagram's buffer
     * @param offset start of the datagram
     * @param length length of the datagram
     * @param delaysNanos receives the delay of each copy to send; at least {@link #MAX_COPIES} long
     * @return how many copies to send: 0 (dropped), 1, or 2 (duplicated)
     */
    public int apply(byte[] data, int offset, int length, long[] delaysNanos) {
        stats.received.incrementAndGet();
        // exactly the same number of draws for every datagram, whatever is decided (no bounded draws, which
        // may reject and draw again), so one decision never shifts the random stream of the datagrams after it
        boolean drop = random.nextDouble() < spec.loss();
        boolean corrupt = random.nextDouble() < spec.corrupt();
        long bit = Long.remainderUnsigned(random.nextLong(), Math.max(1, (long) length * Byte.SIZE));
        boolean duplicate = random.nextDouble() < spec.duplicate();
        for (int i = 0; i < MAX_COPIES; i++) {
            long jitter = Long.remainderUnsigned(random.nextLong(), 2 * jitterNanos + 1) - jitterNanos;
            boolean holdBack = random.nextDouble() < spec.reorder();
            delaysNanos[i] = Math.max(0, delayNanos + jitter) + (holdBack ? reorderHoldNanos : 0);
            held[i] = holdBack;
        }
        if (drop) {
            stats.dropped.incrementAndGet();
            return 0;
        }
        if (corrupt && length > 0) {
            data[offset + (int) (bit / Byte.SIZE)] ^= (byte) (1 << (int) (bit % Byte.SIZE));
            stats.corrupted.incrementAndGet();
        }
        int copies = duplicate ? 2 : 1;
        if (duplicate) {
            stats.duplicated.incrementAndGet();
        }
        for (int i = 0; i < copies; i++) {
            if (held[i]) {
                stats.reordered.incrementAndGet();
            }
            if (delaysNanos[i] > 0) {
                stats.delayed.incrementAndGet();
            }
        }
        return copies;
    }

    /** @return the counters this impairment writes */
    public DirectionStats stats() {
        return stats;
    }
}
