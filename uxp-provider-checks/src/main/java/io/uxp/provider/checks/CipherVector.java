package io.uxp.provider.checks;

import java.util.HexFormat;
import java.util.Objects;

/**
 * A published test vector of an AEAD construction as a UXP cipher lays it out: the sealed body is
 * {@code prefixBytes() + ciphertext + suffixBytes()} (for RFC 8439 ciphertext then tag, for NaCl secretbox tag
 * then ciphertext). The arrays are used as given, not copied.
 *
 * @param source where the vector comes from, for failure messages (for example {@code "RFC 8439 2.8.2"})
 * @param key the key
 * @param nonce the nonce
 * @param aad the associated data (may be empty here, although the record layer never passes empty data)
 * @param plaintext the plaintext
 * @param sealedBody the expected sealed body
 */
public record CipherVector(String source, byte[] key, byte[] nonce, byte[] aad, byte[] plaintext,
        byte[] sealedBody) {

    /** Checks that every part is present. */
    public CipherVector {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(aad, "aad");
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(sealedBody, "sealedBody");
    }

    /**
     * @param source where the vector comes from
     * @param key the key, in hexadecimal
     * @param nonce the nonce, in hexadecimal
     * @param aad the associated data, in hexadecimal
     * @param plaintext the plaintext, in hexadecimal
     * @param sealedBody the expected sealed body, in hexadecimal
     * @return the vector
     * @throws IllegalArgumentException if a string is not hexadecimal
     */
    public static CipherVector ofHex(String source, String key, String nonce, String aad, String plaintext,
            String sealedBody) {
        HexFormat hex = HexFormat.of();
        return new CipherVector(source, hex.parseHex(key), hex.parseHex(nonce), hex.parseHex(aad),
                hex.parseHex(plaintext), hex.parseHex(sealedBody));
    }
}
