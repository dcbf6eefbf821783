package io.uxp.crypto.chacha;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Up to {@value #MAX_LANES} consecutive ChaCha20 blocks of one key and nonce computed together, one block per lane,
 * so that HotSpot's loop vectorizer (SuperWord) runs the rounds of several blocks in one SIMD instruction.
 *
 * <p>The blocks differ only in their counter word, so they are independent: the scratch array holds word {@code w}
 * of block {@code b} at {@code w * MAX_LANES + b}, and each double round is a loop over the blocks whose body is the
 * eight quarter rounds of RFC 8439 section 2.1 on locals. A loop over adjacent elements with no dependence between
 * iterations is what C2 packs into vectors (AVX2 or AVX-512 here): measured on this machine's JDK 17 and 25, 2-2.5x
 * the keystream of Bouncy Castle's one-block function for a 1,400-byte packet (docs/CIPHERS.md). A few blocks are
 * not worth a pass (the loop's set-up dominates), so {@link ChaChaKeystream} takes this path only from
 * {@value #MIN_BLOCKS} blocks on.
 *
 * <p>The scratch array is one per thread (2 KiB), not one per connection, and is zeroed after each use, so no
 * keystream outlives the call that used it.
 */
final class ChaChaLanes {
    /** The most blocks one pass computes: 2 KiB of keystream, a 1,400-byte packet's body in one pass. */
    static final int MAX_LANES = 32;
    /** The fewest blocks worth a pass. */
    static final int MIN_BLOCKS = 4;
    private static final int WORDS = 16;
    private static final int COUNTER = 12;
    private static final int BLOCK_BYTES = 64;
    private static final int S = MAX_LANES;
    private static final VarHandle LE_INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final ThreadLocal<int[]> SCRATCH = ThreadLocal.withInitial(() -> new int[WORDS * MAX_LANES]);

    private ChaChaLanes() {
    }

    /**
     * XORs the keystream of {@code ceil(length / 64)} blocks (at most {@value #MAX_LANES}), from block
     * {@code state[12]}, into {@code length} bytes of {@code buffer} in place. Leaves {@code state} as it was.
     *
     * @param state the sixteen input words of RFC 8439 section 2.3, counter word included
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
                int word = x[w * S + b] + state[w] + (w == COUNTER ? b : 0);
                LE_INT.set(buffer, p + 4 * w, (int) LE_INT.get(buffer, p + 4 * w) ^ word);
            }
        }
        int end = offset + length;
        for (int w = 0; p < end; w++) {
            int word = x[w * S + full] + state[w] + (w == COUNTER ? full : 0);
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
        int counter = state[COUNTER];
        for (int b = 0; b < blocks; b++) {
            x[COUNTER * S + b] = counter + b;
        }
    }

    /** One column round and one diagonal round (RFC 8439 section 2.3) of each of {@code blocks} lanes. */
    private static void doubleRound(int[] x, int blocks) {
        for (int i = 0; i < blocks; i++) {
            int x0 = x[i], x1 = x[S + i], x2 = x[2 * S + i], x3 = x[3 * S + i];
            int x4 = x[4 * S + i], x5 = x[5 * S + i], x6 = x[6 * S + i], x7 = x[7 * S + i];
            int x8 = x[8 * S + i], x9 = x[9 * S + i], x10 = x[10 * S + i], x11 = x[11 * S + i];
            int x12 = x[12 * S + i], x13 = x[13 * S + i], x14 = x[14 * S + i], x15 = x[15 * S + i];
            // columns
            x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 16); x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 12);
            x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 8); x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 7);
            x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 16); x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 12);
            x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 8); x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 7);
            x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 16); x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 12);
            x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 8); x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 7);
            x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 16); x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 12);
            x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 8); x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 7);
            // diagonals
            x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 16); x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 12);
            x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 8); x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 7);
            x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 16); x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 12);
            x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 8); x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 7);
            x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 16); x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 12);
            x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 8); x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 7);
            x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 16); x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 12);
            x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 8); x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 7);
            x[i] = x0; x[S + i] = x1; x[2 * S + i] = x2; x[3 * S + i] = x3;
            x[4 * S + i] = x4; x[5 * S + i] = x5; x[6 * S + i] = x6; x[7 * S + i] = x7;
            x[8 * S + i] = x8; x[9 * S + i] = x9; x[10 * S + i] = x10; x[11 * S + i] = x11;
            x[12 * S + i] = x12; x[13 * S + i] = x13; x[14 * S + i] = x14; x[15 * S + i] = x15;
        }
    }
}
