package io.uxp.runtime.record;

import java.nio.charset.StandardCharsets;

/**
 * Derives a direction's packet key and nonce base from its traffic secret, and the next secret of the
 * key-update ratchet (docs/PROTOCOL.md section 8).
 */
public final class TrafficSecrets {

    /** HKDF-Expand info of a packet key (docs/PROTOCOL.md section 8). */
    static final byte[] LABEL_KEY = "uxp1 key".getBytes(StandardCharsets.US_ASCII);
    /** HKDF-Expand info of a nonce base. */
    static final byte[] LABEL_IV = "uxp1 iv".getBytes(StandardCharsets.US_ASCII);
    /** HKDF-Expand info of the key-update ratchet. */
    static final byte[] LABEL_KEY_UPDATE = "uxp1 ku".getBytes(StandardCharsets.US_ASCII);

    private TrafficSecrets() {
    }

    /**
     * @param secret a traffic secret
     * @param keyBytes the cipher's key length
     * @return the packet key
     */
    public static byte[] key(byte[] secret, int keyBytes) {
        return Hkdf.expand(secret, LABEL_KEY, keyBytes);
    }

    /**
     * @param secret a traffic secret
     * @param nonceBytes the cipher's nonce length
     * @return the nonce base
     */
    public static byte[] nonceBase(byte[] secret, int nonceBytes) {
        return Hkdf.expand(secret, LABEL_IV, nonceBytes);
    }

    /**
     * @param secret the secret of key generation n
     * @return the secret of generation n + 1
     */
    public static byte[] next(byte[] secret) {
        return Hkdf.expand(secret, LABEL_KEY_UPDATE, Hkdf.HASH_BYTES);
    }
}
