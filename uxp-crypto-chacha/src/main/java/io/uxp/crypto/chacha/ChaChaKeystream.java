package io.uxp.crypto.chacha;

import java.util.Arrays;
import org.bouncycastle.crypto.engines.ChaCha7539Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * Bouncy Castle's RFC 8439 ChaCha20, keyed once and then restarted per packet with a new nonce without
 * allocating.
 *
 * <p>{@link ChaCha7539Engine#init} needs a fresh {@link ParametersWithIV} for every nonce (it copies the
 * nonce in its constructor), so per-packet re-init would allocate. The engine's protected
 * {@code setKey(null, nonce)} loads only the nonce words, keeping the key words in place, and
 * {@link #reset()} rewinds the block counter to 0; together they are exactly a nonce-only re-init.
 */
final class ChaChaKeystream extends ChaCha7539Engine {

    ChaChaKeystream(byte[] key) {
        KeyParameter keyParameter = new KeyParameter(key);
        init(true, new ParametersWithIV(keyParameter, new byte[Aead.NONCE_BYTES]));
        // KeyParameter copied the key; wipe that copy, the engine keeps the key only in its state words
        Arrays.fill(keyParameter.getKey(), (byte) 0);
    }

    /**
     * Positions the keystream at block 0 of {@code nonce} under the key given at construction.
     *
     * @param nonce 12 bytes
     */
    void restart(byte[] nonce) {
        setKey(null, nonce);
        reset();
    }

    /** Replaces the key and every derived word with material from an all-zero key. */
    void wipe() {
        setKey(new byte[Aead.KEY_BYTES], new byte[Aead.NONCE_BYTES]);
        reset();
    }
}
