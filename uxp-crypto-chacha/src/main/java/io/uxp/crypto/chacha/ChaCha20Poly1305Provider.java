package io.uxp.crypto.chacha;

import io.uxp.api.spi.CipherProvider;
import io.uxp.api.spi.PacketOpener;
import io.uxp.api.spi.PacketSealer;

/**
 * The {@code chacha20-poly1305} AEAD of RFC 8439 section 2.8: a 32-byte key, a 12-byte nonce and a
 * 16-byte tag appended to the ciphertext (prefix 0, suffix 16). The record layer's cleartext header is
 * the associated data.
 *
 * <p>Thread-safe; each sealer and opener it makes belongs to one thread. Two implementations give the same
 * bytes: Bouncy Castle's (allocates nothing per packet) and the JDK's (faster on JDK 21+, with a small
 * allocation per packet); the system property {@code uxp.chacha.backend} ({@code auto}, {@code jdk},
 * {@code bouncycastle}) chooses, {@code auto} by default (docs/CIPHERS.md). Found by
 * {@link java.util.ServiceLoader}; applications do not name this class.
 */
public final class ChaCha20Poly1305Provider implements CipherProvider {

    /** The stable wire name. */
    static final String NAME = "chacha20-poly1305";

    /** Fixed by a test; otherwise chosen at the first key, from the system property and this JDK. */
    private volatile Backend backend;

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public ChaCha20Poly1305Provider() {
        // the backend is chosen at the first key, so that a bad system property fails there, with its message
    }

    /** @param backend the implementation every sealer and opener uses (tests) */
    ChaCha20Poly1305Provider(Backend backend) {
        this.backend = backend;
    }

    /**
     * @return the implementation this provider's sealers and openers use
     * @throws IllegalStateException if the system property {@code uxp.chacha.backend} is invalid
     */
    Backend backend() {
        Backend b = backend;
        if (b == null) {
            b = Backend.select();
            backend = b;
        }
        return b;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int keyBytes() {
        return Aead.KEY_BYTES;
    }

    @Override
    public int nonceBytes() {
        return Aead.NONCE_BYTES;
    }

    @Override
    public int prefixBytes() {
        return 0;
    }

    @Override
    public int suffixBytes() {
        return Aead.TAG_BYTES;
    }

    /**
     * @throws IllegalArgumentException if {@code key} is not 32 bytes
     * @throws IllegalStateException if the system property {@code uxp.chacha.backend} is invalid
     */
    @Override
    public PacketSealer newSealer(byte[] key) {
        return new ChaChaPolySealer(backend().newAead(key));
    }

    /**
     * @throws IllegalArgumentException if {@code key} is not 32 bytes
     * @throws IllegalStateException if the system property {@code uxp.chacha.backend} is invalid
     */
    @Override
    public PacketOpener newOpener(byte[] key) {
        return new ChaChaPolyOpener(backend().newAead(key));
    }

    @Override
    public String toString() {
        return NAME;
    }
}
