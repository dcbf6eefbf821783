package io.uxp.crypto.salsa;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Up to {@value #MAX_LANES} consecutive Salsa20 blocks of one key and nonce computed together, one block per lane,
 * so that HotSpot's loop vectorizer (SuperWord) runs the rounds of several blocks in one SIMD instruction.
 *
 * <p>The blocks differ only in their 64-bit block counter (words 8 and 9), so they are independent: the scratch
 * array holds word {@code w} of block {@code b} at {@code w * MAX_LANES + b}, and each double round is a loop over
 * the blocks whose body is Salsa20's column and row rounds (Bernstein, "Salsa20 specification", section 4-6) on
 * locals, a loop that C2 packs into vectors (AVX2 or AVX-512 here). {@link XSalsa20Keystream} takes this path
 * from {@value #MIN_BLOCKS} blocks on; a few blocks are not worth a pass. The same layout as the ChaCha20
 * provider's lanes, which docs/CIPHERS.md measures.
 *
 * <p>The scratch array is one per thread (2 KiB), not one per connection, and is zeroed after each use, so no
 * keystream outlives the call that used it.
 */
final class SalsaLanes {
    /** The most blocks one pass computes: 2 KiB of keystream, a 1,400-byte packet's body in one pass. */
    static final int MAX_LANES = 32;
    /** The fewest blocks worth a pass. */
    static final int MIN_BLOCKS = 4;
    private static final int WORDS = 16;
    /** The block counter's low word; word 9 is its high word. */
    private static final int COUNTER = 8;
    private static final int BLOCK_BYTES = 64;
    private static final int S = MAX_LANES;
    private static final VarHandle LE_INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final ThreadLocal<int[]> SCRATCH = ThreadLocal.withInitial(() -> new int[WORDS * MAX_LANES]);

    private SalsaLanes() {
    }

    /**
     * XORs the keystream of {@code ceil(length / 64)} blocks (at most {@value #MAX_LANES}), from the block that
     * {@code state}'s words 8 and 9 count, into {@code length} bytes of {@code buffer} in place. Leaves
     * {@code state} as it was.
     *
     * @param state the sixteen input words of Salsa20, block counter included
     */
    static void xor(int[] state, byte[] buffer, int offset, int length) {
        int blocks = (length + BLOCK_BYTES - 1) / BLOCK_BYTES;
        int[] x = SCRATCH.get();
        load(state, x, blocks);
        for (int round = 0; round < 10; round++) {
            doubleRound(x, blocks);
        }
        int p = offset;
        int full = length / BLOCK_BYTES;
        for (int b = 0; b < full; b++, p += BLOCK_BYTES) {
            for (int w = 0; w < WORDS; w++) {
                int word = x[w * S + b] + input(state, w, b);
                LE_INT.set(buffer, p + 4 * w, (int) LE_INT.get(buffer, p + 4 * w) ^ word);
            }
        }
        int end = offset + length;
        for (int w = 0; p < end; w++) {
            int word = x[w * S + full] + input(state, w, full);
            if (end - p >= 4) {
                LE_INT.set(buffer, p, (int) LE_INT.get(buffer, p) ^ word);
                p += 4;
            } else {
                for (int shift = 0; p < end; p++, shift += 8) {
                    buffer[p] ^= (byte) (word >>> shift);
                }
            }
        }
        Arrays.fill(x, 0);
    }

    private static void load(int[] state, int[] x, int blocks) {
        for (int w = 0; w < WORDS; w++) {
            Arrays.fill(x, w * S, w * S + blocks, state[w]);
        }
        for (int b = 0; b < blocks; b++) {
            x[COUNTER * S + b] = input(state, COUNTER, b);
            x[(COUNTER + 1) * S + b] = input(state, COUNTER + 1, b);
        }
    }

    /** Word {@code w} of the input of the block {@code lane} blocks after {@code state}'s counter. */
    private static int input(int[] state, int w, int lane) {
        if (w == COUNTER) {
            return state[COUNTER] + lane;
        }
        if (w == COUNTER + 1) {
            int low = state[COUNTER];
            return state[COUNTER + 1] + (Integer.compareUnsigned(low + lane, low) < 0 ? 1 : 0);
        }
        return state[w];
    }

    /** One column round and one row round (Salsa20 specification, section 6) of each of {@code blocks} lanes. */
    private static void doubleRound(int[] x, int blocks) {
        for (int i = 0; i < blocks; i++) {
            int x0 = x[i], x1 = x[S + i], x2 = x[2 * S + i], x3 = x[3 * S + i];
            int x4 = x[4 * S + i], x5 = x[5 * S + i], x6 = x[6 * S + i], x7 = x[7 * S + i];
            int x8 = x[8 * S + i], x9 = x[9 * S + i], x10 = x[10 * S + i], x11 = x[11 * S + i];
            int x12 = x[12 * S + i], x13 = x[13 * S + i], x14 = x[14 * S + i], x15 = x[15 * S + i];
            // columns
            x4 ^= Integer.rotateLeft(x0 + x12, 7); x8 ^= Integer.rotateLeft(x4 + x0, 9);
            x12 ^= Integer.rotateLeft(x8 + x4, 13); x0 ^= Integer.rotateLeft(x12 + x8, 18);
            x9 ^= Integer.rotateLeft(x5 + x1, 7); x13 ^= Integer.rotateLeft(x9 + x5, 9);
            x1 ^= Integer.rotateLeft(x13 + x9, 13); x5 ^= Integer.rotateLeft(x1 + x13, 18);
            x14 ^= Integer.rotateLeft(x10 + x6, 7); x2 ^= Integer.rotateLeft(x14 + x10, 9);
            x6 ^= Integer.rotateLeft(x2 + x14, 13); x10 ^= Integer.rotateLeft(x6 + x2, 18);
            x3 ^= Integer.rotateLeft(x15 + x11, 7); x7 ^= Integer.rotateLeft(x3 + x15, 9);
            x11 ^= Integer.rotateLeft(x7 + x3, 13); x15 ^= Integer.rotateLeft(x11 + x7, 18);
            // rows
            x1 ^= Integer.rotateLeft(x0 + x3, 7); x2 ^= Integer.rotateLeft(x1 + x0, 9);
            x3 ^= Integer.rotateLeft(x2 + x1, 13); x0 ^= Integer.rotateLeft(x3 + x2, 18);
            x6 ^= Integer.rotateLeft(x5 + x4, 7); x7 ^= Integer.rotateLeft(x6 + x5, 9);
            x4 ^= Integer.rotateLeft(x7 + x6, 13); x5 ^= Integer.rotateLeft(x4 + x7, 18);
            x11 ^= Integer.rotateLeft(x10 + x9, 7); x8 ^= Integer.rotateLeft(x11 + x10, 9);
            x9 ^= Integer.rotateLeft(x8 + x11, 13); x10 ^= Integer.rotateLeft(x9 + x8, 18);
            x12 ^= Integer.rotateLeft(x15 + x14, 7); x13 ^= Integer.rotateLeft(x12 + x15, 9);
            x14 ^= Integer.rotateLeft(x13 + x12, 13); x15 ^= Integer.rotateLeft(x14 + x13, 18);
            x[i] = x0; x[S + i] = x1; x[2 * S + i] = x2; x[3 * S + i] = x3;
            x[4 * S + i] = x4; x[5 * S + i] = x5; x[6 * S + i] = x6; x[7 * S + i] = x7;
            x[8 * S + i] = x8; x[9 * S + i] = x9; x[10 * S + i] = x10; x[11 * S + i] = x11;
            x[12 * S + i] = x12; x[13 * S + i] = x13; x[14 * S + i] = x14; x[15 * S + i] = x15;
        }
    }
}
