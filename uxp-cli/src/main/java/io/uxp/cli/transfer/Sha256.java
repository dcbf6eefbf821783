package io.uxp.cli.transfer;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A running SHA-256 and byte count. Not thread-safe, except {@link #count()}, which any thread may read. */
final class Sha256 {

    private final MessageDigest digest;
    private volatile long count;

    Sha256() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256 (MessageDigest spec)", e);
        }
    }

    void update(ByteBuffer bytes) {
        count += bytes.remaining();
        digest.update(bytes);
    }

    long count() {
        return count;
    }

    byte[] finish() {
        return digest.digest();
    }
}
