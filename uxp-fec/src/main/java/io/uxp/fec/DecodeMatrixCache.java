package io.uxp.fec;

import java.util.Arrays;

/**
 * A small direct-mapped cache of decode matrices, keyed by the set of d shards a reconstruction reads.
 * On a loss-free-but-one link the same few patterns repeat, so inverting a d x d matrix (O(d^3)) happens
 * once per pattern rather than once per group. Entries are allocated on first use and then reused, so a
 * warm cache allocates nothing. One owner thread.
 */
final class DecodeMatrixCache {

    /** Entries kept; a power of two. Eight covers the patterns of a steady link with room to spare. */
    static final int SLOTS = 8;

    /** Words of a row-set key: 255 shard indices fit in four longs. */
    private static final int KEY_WORDS = 4;

    /** Bits per key word. */
    private static final int WORD_BITS = 64;

    /** Odd multiplier of the Fibonacci hash that spreads keys over the slots. */
    private static final long HASH_MULTIPLIER = 0x9E3779B97F4A7C15L;

    private final CauchyMatrix matrix;
    private final long[][] keys = new long[SLOTS][KEY_WORDS];
    private final boolean[] filled = new boolean[SLOTS];
    private final byte[][][] inverses = new byte[SLOTS][][];
    private final long[] probe = new long[KEY_WORDS];
    private final byte[][] work;
    private long misses;

    DecodeMatrixCache(CauchyMatrix matrix) {
        this.matrix = matrix;
        this.work = new byte[matrix.dataShards][matrix.dataShards];
    }

    /**
     * @param rows the d generator rows read, ascending
     * @return the inverse of their submatrix, or {@code null} if singular; valid until the next call
     */
    byte[][] inverseFor(int[] rows) {
        Arrays.fill(probe, 0L);
        for (int i = 0; i < matrix.dataShards; i++) {
            probe[rows[i] / WORD_BITS] |= 1L << (rows[i] % WORD_BITS);
        }
        long h = 0;
        for (long word : probe) {
            h = (h ^ word) * HASH_MULTIPLIER;
        }
        int slot = (int) (h >>> (Long.SIZE - Integer.numberOfTrailingZeros(SLOTS)));
        if (filled[slot] && Arrays.equals(keys[slot], probe)) {
            return inverses[slot];
        }
        misses++;
        if (inverses[slot] == null) {
            inverses[slot] = new byte[matrix.dataShards][matrix.dataShards];
        }
        if (!matrix.invert(rows, work, inverses[slot])) {
            filled[slot] = false;
            return null;
        }
        System.arraycopy(probe, 0, keys[slot], 0, KEY_WORDS);
        filled[slot] = true;
        return inverses[slot];
    }

    /** @return how many lookups had to invert a matrix */
    long misses() {
        return misses;
    }
}
