package io.uxp.crypto.salsa;

import io.uxp.api.spi.CipherProvider;
import io.uxp.api.spi.PacketOpener;
import io.uxp.api.spi.PacketSealer;

/**
 * The {@code xsalsa20-poly1305} cipher: NaCl's {@code crypto_secretbox} (XSalsa20 and Poly1305) with a
 * 32-byte key, a 24-byte nonce and the 16-byte tag in front of the ciphertext (prefix 16, suffix 0), so
 * the plaintext is encrypted where it lies.
 *
 * <p>With empty associated data the sealed body is byte for byte NaCl's secretbox. With associated data
 * (UXP's record layer always passes its cleartext header) the Poly1305 input also binds it, in the
 * layout of RFC 8439 section 2.8; {@code docs/CIPHERS.md} specifies the construction.
 *
 * <p>Stateless and thread-safe; each sealer and opener it makes belongs to one thread and allocates
 * nothing per packet. Found by {@link java.util.ServiceLoader}; applications do not name this class.
 */
public final class XSalsa20Poly1305Provider implements CipherProvider {

    /** The stable wire name. */
    static final String NAME = "xsalsa20-poly1305";

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public XSalsa20Poly1305Provider() {
        // stateless
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int keyBytes() {
        return XSalsaPolyAead.KEY_BYTES;
    }

    @Override
    public int nonceBytes() {
        return XSalsaPolyAead.NONCE_BYTES;
    }

    @Override
    public int prefixBytes() {
        return XSalsaPolyAead.TAG_BYTES;
    }

    @Override
    public int suffixBytes() {
        return 0;
    }

    /**
     * @throws IllegalArgumentException if {@code key} is not 32 bytes
     */
    @Override
    public PacketSealer newSealer(byte[] key) {
        return new XSalsaPolySealer(new XSalsaPolyAead(key));
    }

    /**
     * @throws IllegalArgumentException if {@code key} is not 32 bytes
     */
    @Override
    public PacketOpener newOpener(byte[] key) {
        return new XSalsaPolyOpener(new XSalsaPolyAead(key));
    }

    @Override
    public String toString() {
        return NAME;
    }
}
