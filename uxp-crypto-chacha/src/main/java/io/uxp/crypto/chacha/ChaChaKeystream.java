package io.uxp.crypto.chacha;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.bouncycastle.crypto.engines.ChaChaEngine;

/**
 * RFC 8439 ChaCha20 (section 2.4) on Bouncy Castle's ChaCha20 block function, keyed once and restarted per packet
 * with a new nonce without allocating.
 *
 * <p>A body of several blocks is XORed many blocks at once in SIMD lanes: {@link ChaChaVectorLanes} from
 * {@value #MIN_VECTOR_BLOCKS} blocks when {@link Lanes} chose the Vector API, otherwise {@link ChaChaLanes} from
 * {@value ChaChaLanes#MIN_BLOCKS} blocks. Below that, and for the Poly1305 key, the block function is Bouncy Castle's
 * ({@link ChaChaEngine#chachaCore}: 20 rounds and the final addition of
 * the input state); this class holds only the RFC 8439 state layout (section 2.3: four constants, eight key words,
 * a 32-bit block counter, three nonce words) and XORs the block's sixteen words straight into the packet, four
 * bytes at a time. Bouncy Castle's stream engine first packs each block into a byte buffer and then XORs byte by
 * byte, which cost as much as the rounds themselves on the record layer's 1,400-byte packets (docs/CIPHERS.md).
 *
 * <p>A packet's use: {@link #restart}, then {@link #poly1305Key} (block 0), then one {@link #xor} of the body from
 * block 1. Not thread-safe.
 */
final class ChaChaKeystream {
    /** RFC 8439 section 2.3: 20 rounds. */
    private static final int ROUNDS = 20;
    private static final int BLOCK_BYTES = 64;
    private static final int WORDS = 16;
    private static final int COUNTER = 12;
    private static final int NONCE = 13;
    /** RFC 8439 section 2.3: "expand 32-byte k" as four little-endian words. */
    private static final int[] SIGMA = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};
    private static final VarHandle LE_INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** Blocks worth a pass of the Vector API's lanes: one block is cheaper in Bouncy Castle's function. */
    private static final int MIN_VECTOR_BLOCKS = 2;

    private final int[] state = new int[WORDS];
    private final boolean vectorLanes;
    private final int[] block = new int[WORDS];

    /**
     * @param key 32 bytes; kept only as state words
     * @param lanes how a body of several blocks is computed
     */
    ChaChaKeystream(byte[] key, Lanes lanes) {
        vectorLanes = lanes == Lanes.VECTOR;
        System.arraycopy(SIGMA, 0, state, 0, SIGMA.length);
        for (int i = 0; i < 8; i++) {
            state[4 + i] = (int) LE_INT.get(key, 4 * i);
        }
    }

    /**
     * Positions the keystream at block 0 of {@code nonce} under the key given at construction.
     *
     * @param nonce 12 bytes
     */
    void restart(byte[] nonce) {
        state[COUNTER] = 0;
        for (int i = 0; i < 3; i++) {
            state[NONCE + i] = (int) LE_INT.get(nonce, 4 * i);
        }
    }

    /**
     * Writes the first 32 bytes of the current block into {@code out} and moves to the next block: after
     * {@link #restart}, the one-time Poly1305 key of RFC 8439 section 2.6.
     *
     * @param out 32 bytes
     */
    void poly1305Key(byte[] out) {
        nextBlock();
        for (int i = 0; i < 8; i++) {
            LE_INT.set(out, 4 * i, block[i]);
        }
        Arrays.fill(block, 0);
    }

    /**
     * XORs the keystream, from the start of the current block, into {@code length} bytes of {@code buffer} in place,
     * and moves past the last block it used (a partial block's rest is not kept).
     */
    void xor(byte[] buffer, int offset, int length) {
        if (vectorLanes && length > (MIN_VECTOR_BLOCKS - 1) * BLOCK_BYTES) {
            ChaChaVectorLanes.xor(state, buffer, offset, length);
            state[COUNTER] += (length + BLOCK_BYTES - 1) / BLOCK_BYTES;
            return;
        }
        int p = offset;
        int end = offset + length;
        while (end - p >= ChaChaLanes.MIN_BLOCKS * BLOCK_BYTES) {
            int chunk = Math.min(end - p, ChaChaLanes.MAX_LANES * BLOCK_BYTES);
            ChaChaLanes.xor(state, buffer, p, chunk);
            state[COUNTER] += (chunk + BLOCK_BYTES - 1) / BLOCK_BYTES;
            p += chunk;
        }
        while (p < end) {
            nextBlock();
            p = xorBlock(block, 0, 1, buffer, p, end);
        }
        Arrays.fill(block, 0);
    }

    /**
     * XORs one block's words, word {@code w} at {@code words[first + w * stride]}, into {@code buffer[p..end)}, a word
     * at a time; returns where it stopped (at {@code end}, or after the block's 64 bytes).
     */
    static int xorBlock(int[] words, int first, int stride, byte[] buffer, int p, int end) {
        for (int w = 0; w < WORDS && p < end; w++) {
            int word = words[first + w * stride];
            if (end - p >= 4) {
                LE_INT.set(buffer, p, (int) LE_INT.get(buffer, p) ^ word);
                p += 4;
            } else {
                for (int shift = 0; p < end; p++, shift += 8) {
                    buffer[p] ^= (byte) (word >>> shift);
                }
            }
        }
        return p;
    }

    /** Replaces the key and nonce words with zeros. */
    void wipe() {
        Arrays.fill(state, 4, WORDS, 0);
        Arrays.fill(block, 0);
    }

    private void nextBlock() {
        ChaChaEngine.chachaCore(ROUNDS, state, block);
        state[COUNTER]++;
    }
}
