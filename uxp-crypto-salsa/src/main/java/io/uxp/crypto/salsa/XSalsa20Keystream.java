package io.uxp.crypto.salsa;

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
 */
final class XSalsa20Keystream extends Salsa20Engine {

    /** First of the two Salsa20 state words holding the 64-bit nonce (Bernstein, "Salsa20 specification"). */
    private static final int NONCE_WORD = 6;
    /** First of the two block-counter words, which HSalsa20 fills with nonce bytes 8..15 instead. */
    private static final int COUNTER_WORD = 8;
    private static final int SALSA_NONCE_BYTES = 8;

    /** The long-term key, needed again by every packet's HSalsa20. */
    private final byte[] key = new byte[XSalsaPolyAead.KEY_BYTES];

    XSalsa20Keystream(byte[] key) {
        super(DEFAULT_ROUNDS);
        System.arraycopy(key, 0, this.key, 0, this.key.length);
        // one ordinary init marks the engine initialised (and runs Bouncy Castle's constraint check once)
        KeyParameter keyParameter = new KeyParameter(key);
        init(true, new ParametersWithIV(keyParameter, new byte[SALSA_NONCE_BYTES]));
        Arrays.fill(keyParameter.getKey(), (byte) 0);
    }

    /**
     * Positions the keystream at byte 0 of XSalsa20 under the construction key and {@code nonce}.
     *
     * @param nonce 24 bytes
     */
    void restart(byte[] nonce) {
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
        // Salsa20 under the subkey: nonce bytes 16..23; reset() zeroes the block counter and fills the keystream
        Pack.littleEndianToInt(nonce, 2 * SALSA_NONCE_BYTES, s, NONCE_WORD, 2);
        reset();
    }

    /** Overwrites the key and every word derived from it with material from an all-zero key. */
    void wipe() {
        Arrays.fill(key, (byte) 0);
        restart(new byte[XSalsaPolyAead.NONCE_BYTES]);
    }
}
