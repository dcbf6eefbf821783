package io.uxp.cli.transfer;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A running SHA-256 and byte count, or the count alone ({@link #countOnly()}). Not thread-safe, except
 * {@link #count()}, which any thread may read.
 */
final class Sha256 {

    /** null when only counting. */
    private final MessageDigest digest;
    private volatile long count;

    private Sha256(MessageDigest digest) {
        this.digest = digest;
    }

    /** @return a running SHA-256 */
    static Sha256 digesting() {
        try {
            return new Sha256(MessageDigest.getInstance("SHA-256"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256 (MessageDigest spec)", e);
        }
    }

    /** @return a byte count whose {@link #finish()} is 32 zero bytes */
    static Sha256 countOnly() {
        return new Sha256(null);
    }

    /** @return whether this computes the digest */
    boolean digests() {
        return digest != null;
    }

    void update(ByteBuffer bytes) {
        count += bytes.remaining();
        if (digest != null) {
            digest.update(bytes);
        } else {
            bytes.position(bytes.limit());
        }
    }

    long count() {
        return count;
    }

    /** @return the digest, or 32 zero bytes when only counting */
    byte[] finish() {
        return digest != null ? digest.digest() : new byte[TransferProtocol.DIGEST_BYTES];
    }
}
