package io.uxp.runtime.handshake;

import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * X25519 (RFC 7748) through Bouncy Castle, counting every scalar multiplication so tests can prove which
 * paths cost none (the cookie path, duplicate hellos). Thread-safe.
 */
final class KeyExchange {

    private final AtomicLong scalarMultiplications = new AtomicLong();

    /**
     * @param random the entropy source
     * @param privateKey receives 32 random bytes (clamped by X25519 when used)
     * @return the matching public key
     */
    byte[] generate(RandomGenerator random, byte[] privateKey) {
        random.nextBytes(privateKey);
        byte[] pub = new byte[Wire.KEY_BYTES];
        scalarMultiplications.incrementAndGet();
        X25519.generatePublicKey(privateKey, 0, pub, 0);
        return pub;
    }

    /**
     * @param privateKey our private key
     * @param peerPublicKey the peer's public key
     * @param out receives the 32-byte shared secret
     * @param outOffset where
     * @return {@code false} if the result is all zeros (a low-order peer key, RFC 7748 section 6.1)
     */
    boolean agree(byte[] privateKey, byte[] peerPublicKey, byte[] out, int outOffset) {
        scalarMultiplications.incrementAndGet();
        return X25519.calculateAgreement(privateKey, 0, peerPublicKey, 0, out, outOffset);
    }

    /** @return scalar multiplications (key generations plus agreements) so far */
    long scalarMultiplications() {
        return scalarMultiplications.get();
    }
}
