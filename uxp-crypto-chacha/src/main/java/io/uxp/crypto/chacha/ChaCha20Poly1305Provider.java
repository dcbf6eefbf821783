package io.uxp.crypto.chacha;

import io.uxp.api.spi.CipherProvider;
import io.uxp.api.spi.PacketOpener;
import io.uxp.api.spi.PacketSealer;

/**
 * The {@code chacha20-poly1305} AEAD of RFC 8439 section 2.8: a 32-byte key, a 12-byte nonce and a
 * 16-byte tag appended to the ciphertext (prefix 0, suffix 16). The record layer's cleartext header is
 * the associated data.
 *
 * <p>Stateless and thread-safe; each sealer and opener it makes belongs to one thread and allocates
 * nothing per packet. Found by {@link java.util.ServiceLoader}; applications do not name this class.
 */
public final class ChaCha20Poly1305Provider implements CipherProvider {

    /** The stable wire name. */
    static final String NAME = "chacha20-poly1305";

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public ChaCha20Poly1305Provider() {
        // stateless
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int keyBytes() {
        return ChaChaPolyAead.KEY_BYTES;
    }

    @Override
    public int nonceBytes() {
        return ChaChaPolyAead.NONCE_BYTES;
    }

    @Override
    public int prefixBytes() {
        return 0;
    }

    @Override
    public int suffixBytes() {
        return ChaChaPolyAead.TAG_BYTES;
    }

    /**
     * @throws IllegalArgumentException if {@code key} is not 32 bytes
     */
    @Override
    public PacketSealer newSealer(byte[] key) {
        return new ChaChaPolySealer(new ChaChaPolyAead(key));
    }

    /**
     * @throws IllegalArgumentException if {@code key} is not 32 bytes
     */
    @Override
    public PacketOpener newOpener(byte[] key) {
        return new ChaChaPolyOpener(new ChaChaPolyAead(key));
    }

    @Override
    public String toString() {
        return NAME;
    }
}
