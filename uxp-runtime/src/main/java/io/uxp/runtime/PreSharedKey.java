package io.uxp.runtime;

import java.util.random.RandomGenerator;

/**
 * A 32-byte secret shared by client and server out of band; it is mixed into the handshake's key
 * derivation, so a peer without it cannot complete a handshake. Printed as base64url only through
 * {@link #text()}; {@link #toString()} is redacted.
 */
public final class PreSharedKey {

    private final byte[] key;

    private PreSharedKey(byte[] key) {
        this.key = key;
    }

    /**
     * @param key 32 secret bytes; copied
     * @return the key
     */
    public static PreSharedKey of(byte[] key) {
        return new PreSharedKey(KeyText.checkLength(key, "pre-shared key"));
    }

    /**
     * @param text base64url or 64 hex digits
     * @return the key
     */
    public static PreSharedKey parse(String text) {
        return new PreSharedKey(KeyText.parse(text, "pre-shared key"));
    }

    /**
     * @param random a cryptographically strong source, normally a {@link java.security.SecureRandom}
     * @return a fresh random key
     */
    public static PreSharedKey generate(RandomGenerator random) {
        byte[] k = new byte[KeyText.KEY_BYTES];
        random.nextBytes(k);
        return new PreSharedKey(k);
    }

    /** @return the key as unpadded base64url; keep it secret */
    public String text() {
        return KeyText.print(key);
    }

    /** @return a copy of the 32 key bytes */
    public byte[] bytes() {
        return key.clone();
    }

    /** @return a redacted form that never shows the key */
    @Override
    public String toString() {
        return "PreSharedKey[redacted]";
    }
}
