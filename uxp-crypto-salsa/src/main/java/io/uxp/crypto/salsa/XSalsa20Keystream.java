package io.uxp.crypto.salsa;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.util.Pack;

/**
 * XSalsa20 on Bouncy Castle's Salsa20 engine, restarted per packet with a new 24-byte nonce without
 * allocating.
 *
 * <p>Bouncy Castle's own {@code XSalsa20Engine} allocates a scratch array in every re-key and accepts no
 * nonce-only re-init, so this class performs the same two steps on reused state: HSalsa20 of the key
 * and nonce bytes 0..15 gives a subkey (Bernstein, "Extending the Salsa20 nonce"), then
 * Salsa20 runs under that subkey with nonce bytes 16..23 from block 0. A test checks it against
 * {@code XSalsa20Engine} byte for byte.
 *
 * <p>A packet's use: {@link #startPacket} (block 0: the Poly1305 key), then {@link #xorBody} from keystream byte
 * 32, which XORs a word at a time and computes long bodies in {@link SalsaLanes}; Bouncy Castle's
 * {@link #processBytes}, after {@link #restart}, packs each block into bytes and XORs byte by byte.
 */
final class XSalsa20Keystream extends Salsa20Engine {

    /** First of the two Salsa20 state words holding the 64-bit nonce (Bernstein, "Salsa20 specification"). */
    private static final int NONCE_WORD = 6;
    /** First of the two block-counter words, which HSalsa20 fills with nonce bytes 8..15 instead. */
    private static final int COUNTER_WORD = 8;
    private static final int SALSA_NONCE_BYTES = 8;
    private static final int BLOCK_BYTES = 64;
    private static final int HALF_BLOCK_WORDS = 8;
    private static final VarHandle LE_INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** The long-term key, needed again by every packet's HSalsa20. */
    private final byte[] key = new byte[XSalsaPolyAead.KEY_BYTES];
    /** One block of keystream words between {@link #startPacket} and the end of {@link #xorBody}. */
    private final int[] block = new int[16];

    XSalsa20Keystream(byte[] key) {
        super(DEFAULT_ROUNDS);
        System.arraycopy(key, 0, this.key, 0, this.key.length);
        // one ordinary init marks the engine initialised (and runs Bouncy Castle's constraint check once)
        KeyParameter keyParameter = new KeyParameter(key);
        init(true, new ParametersWithIV(keyParameter, new byte[SALSA_NONCE_BYTES]));
        Arrays.fill(keyParameter.getKey(), (byte) 0);
    }

    /**
     * Positions the keystream at byte 0 of XSalsa20 under the construction key and {@code nonce}, for
     * {@link #processBytes}.
     *
     * @param nonce 24 bytes
     */
    void restart(byte[] nonce) {
        deriveSubkey(nonce);
        reset(); // zeroes the block counter and fills the engine's keystream buffer with block 0
    }

    /**
     * Starts a packet: keystream block 0 of {@code nonce}, whose first 32 bytes are the one-time Poly1305 key
     * (into {@code polyKey}) and whose other 32 the first bytes {@link #xorBody} XORs.
     *
     * @param nonce 24 bytes
     * @param polyKey 32 bytes, written
     */
    void startPacket(byte[] nonce, byte[] polyKey) {
        deriveSubkey(nonce);
        engineState[COUNTER_WORD] = 0;
        engineState[COUNTER_WORD + 1] = 0;
        salsaCore(rounds, engineState, block);
        for (int w = 0; w < HALF_BLOCK_WORDS; w++) {
            LE_INT.set(polyKey, 4 * w, block[w]);
        }
        Arrays.fill(block, 0, HALF_BLOCK_WORDS, 0);
    }

    /**
     * XORs the packet's keystream from byte 32 (the second half of block 0, then block 1 on) into {@code length}
     * bytes of {@code buffer} in place: {@value SalsaLanes#MIN_BLOCKS} blocks or more at a time in
     * {@link SalsaLanes}, the rest block by block.
     */
    void xorBody(byte[] buffer, int offset, int length) {
        int p = xorWords(block, HALF_BLOCK_WORDS, buffer, offset, offset + length);
        int end = offset + length;
        engineState[COUNTER_WORD] = 1;
        while (end - p >= SalsaLanes.MIN_BLOCKS * BLOCK_BYTES) {
            int chunk = Math.min(end - p, SalsaLanes.MAX_LANES * BLOCK_BYTES);
            SalsaLanes.xor(engineState, buffer, p, chunk);
            advanceCounter((chunk + BLOCK_BYTES - 1) / BLOCK_BYTES);
            p += chunk;
        }
        while (p < end) {
            salsaCore(rounds, engineState, block);
            advanceCounter(1);
            p = xorWords(block, 0, buffer, p, end);
        }
        Arrays.fill(block, 0);
    }

    /** XORs words {@code from..15} of {@code words} into {@code buffer[p..end)}; returns where it stopped. */
    private static int xorWords(int[] words, int from, byte[] buffer, int p, int end) {
        for (int w = from; w < 16 && p < end; w++) {
            if (end - p >= 4) {
                LE_INT.set(buffer, p, (int) LE_INT.get(buffer, p) ^ words[w]);
                p += 4;
            } else {
                for (int shift = 0; p < end; p++, shift += 8) {
                    buffer[p] ^= (byte) (words[w] >>> shift);
                }
            }
        }
        return p;
    }

    private void advanceCounter(int blocks) {
        int low = engineState[COUNTER_WORD];
        engineState[COUNTER_WORD] = low + blocks;
        if (Integer.compareUnsigned(low + blocks, low) < 0) {
            engineState[COUNTER_WORD + 1]++;
        }
    }

    /** HSalsa20 of the key and nonce bytes 0..15 into the subkey words, nonce bytes 16..23 into words 6 and 7. */
    private void deriveSubkey(byte[] nonce) {
        // HSalsa20 input: constants, key, nonce bytes 0..15 in words 6..9
        setKey(key, nonce);
        Pack.littleEndianToInt(nonce, SALSA_NONCE_BYTES, engineState, COUNTER_WORD, 2);
        // salsaCore adds the input back; HSalsa20 wants the words before that final addition
        salsaCore(rounds, engineState, x);
        int[] s = engineState;
        s[1] = x[0] - s[0];
        s[2] = x[5] - s[5];
        s[3] = x[10] - s[10];
        s[4] = x[15] - s[15];
        s[11] = x[6] - s[6];
        s[12] = x[7] - s[7];
        s[13] = x[8] - s[8];
        s[14] = x[9] - s[9];
        Arrays.fill(x, 0);
        Pack.littleEndianToInt(nonce, 2 * SALSA_NONCE_BYTES, s, NONCE_WORD, 2);
    }

    /** Overwrites the key and every word derived from it with material from an all-zero key. */
    void wipe() {
        Arrays.fill(key, (byte) 0);
        Arrays.fill(block, 0);
        restart(new byte[XSalsaPolyAead.NONCE_BYTES]);
    }
}
