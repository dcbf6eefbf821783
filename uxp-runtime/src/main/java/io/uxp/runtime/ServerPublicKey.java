package io.uxp.runtime;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A server's static X25519 public key, as a client pins it. Printed and parsed as unpadded base64url
 * (43 characters); 64 hex digits are accepted too. Immutable.
 */
public final class ServerPublicKey {

    private final byte[] key;

    private ServerPublicKey(byte[] key) {
        this.key = key;
    }

    /**
     * @param key the 32-byte X25519 public key (RFC 7748); copied
     * @return the key
     */
    public static ServerPublicKey of(byte[] key) {
        return new ServerPublicKey(KeyText.checkLength(key, "server public key"));
    }

    /**
     * @param text base64url (with or without padding) or 64 hex digits
     * @return the key
     * @throws IllegalArgumentException if the text is not a 32-byte key
     */
    public static ServerPublicKey parse(String text) {
        return new ServerPublicKey(KeyText.parse(text, "server public key"));
    }

    /** @return a copy of the 32 key bytes */
    public byte[] bytes() {
        return key.clone();
    }

    /** @return the key as unpadded base64url, the form {@link #parse} reads */
    @Override
    public String toString() {
        return KeyText.print(key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerPublicKey other && MessageDigest.isEqual(key, other.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }
}
