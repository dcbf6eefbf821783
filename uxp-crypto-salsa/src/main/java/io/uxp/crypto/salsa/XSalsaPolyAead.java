package io.uxp.crypto.salsa;

import io.uxp.api.spi.PacketOpener;
import io.uxp.crypto.mac.Poly1305;
import io.uxp.crypto.mac.TagCompare;
import java.util.Arrays;
import java.util.Objects;

/**
 * NaCl's secretbox (XSalsa20 and Poly1305) extended with associated data, sealing and opening in place
 * with no allocation.
 *
 * <p>Per packet: the first 32 bytes of the XSalsa20 keystream are the one-time Poly1305 key; the
 * plaintext is XORed with the keystream from byte 32 on; the 16-byte tag goes in front of the
 * ciphertext. The tag is Poly1305 over the ciphertext alone when the AAD is empty (exactly
 * {@code crypto_secretbox}), otherwise over
 * {@code aad || pad16 || ciphertext || pad16 || le64(aad length) || le64(ciphertext length)}, the MAC
 * input of RFC 8439 section 2.8.
 *
 * <p>Not thread-safe: one instance serves one direction of one connection, on its owner thread.
 */
final class XSalsaPolyAead {

    /** NaCl crypto_secretbox_KEYBYTES. */
    static final int KEY_BYTES = 32;
    /** NaCl crypto_secretbox_NONCEBYTES: XSalsa20's 192-bit nonce. */
    static final int NONCE_BYTES = 24;
    /** NaCl crypto_secretbox_BOXZEROBYTES: the Poly1305 tag. */
    static final int TAG_BYTES = 16;
    /** NaCl crypto_secretbox_ZEROBYTES: keystream bytes spent on the Poly1305 key before encryption starts. */
    private static final int POLY_KEY_BYTES = 32;

    private final XSalsa20Keystream xsalsa;
    private final Poly1305 poly = new Poly1305();
    /** The packet's one-time Poly1305 key, reused for every packet. */
    private final byte[] polyKey = new byte[POLY_KEY_BYTES];
    private final byte[] expectedTag = new byte[TAG_BYTES];
    /**
     * Set by {@link #destroy()}. The wiped state is an all-zero key that anyone can use, so a destroyed
     * instance must refuse to seal (it would publish plaintext) and to open (it would accept forgeries).
     */
    private boolean destroyed;

    /**
     * @param key 32 bytes; copied
     * @throws IllegalArgumentException if the key is not 32 bytes
     */
    XSalsaPolyAead(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("xsalsa20-poly1305 needs a " + KEY_BYTES + "-byte key, got "
                    + key.length + " bytes");
        }
        xsalsa = new XSalsa20Keystream(key);
    }

    int seal(byte[] nonce, byte[] packet, int aadOffset, int aadLength, int bodyOffset, int plaintextLength) {
        if (destroyed) {
            throw new IllegalStateException(
                    "this xsalsa20-poly1305 sealer was destroyed; make a new one for a new key");
        }
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("xsalsa20-poly1305 needs a 24-byte nonce");
        }
        Objects.checkFromIndexSize(aadOffset, aadLength, packet.length);
        Objects.checkFromIndexSize(bodyOffset, plaintextLength, packet.length - TAG_BYTES);
        int ciphertextOffset = bodyOffset + TAG_BYTES;
        startPacket(nonce);
        xsalsa.xorBody(packet, ciphertextOffset, plaintextLength);
        authenticate(packet, aadOffset, aadLength, ciphertextOffset, plaintextLength);
        poly.finish(packet, bodyOffset);
        return TAG_BYTES + plaintextLength;
    }

    int open(byte[] nonce, byte[] packet, int aadOffset, int aadLength, int bodyOffset, int bodyLength) {
        if (destroyed || nonce == null || packet == null || nonce.length != NONCE_BYTES || bodyLength < TAG_BYTES
                || outside(aadOffset, aadLength, packet.length) || outside(bodyOffset, bodyLength, packet.length)) {
            return PacketOpener.FAILED;
        }
        int ciphertextOffset = bodyOffset + TAG_BYTES;
        int ciphertextLength = bodyLength - TAG_BYTES;
        startPacket(nonce);
        authenticate(packet, aadOffset, aadLength, ciphertextOffset, ciphertextLength);
        poly.finish(expectedTag, 0);
        if (!TagCompare.equal(expectedTag, packet, bodyOffset)) {
            return PacketOpener.FAILED;
        }
        xsalsa.xorBody(packet, ciphertextOffset, ciphertextLength);
        return ciphertextLength;
    }

    void destroy() {
        destroyed = true;
        xsalsa.wipe();
        Arrays.fill(polyKey, (byte) 0);
        Arrays.fill(expectedTag, (byte) 0);
        poly.wipe();
    }

    /** Starts XSalsa20 for this nonce and keys Poly1305 from keystream bytes 0..31; the body XOR starts at 32. */
    private void startPacket(byte[] nonce) {
        xsalsa.startPacket(nonce, polyKey);
        poly.init(polyKey);
    }

    /** Feeds the MAC input for this AAD and ciphertext, all but the final call. */
    private void authenticate(byte[] packet, int aadOffset, int aadLength, int ciphertextOffset,
            int ciphertextLength) {
        if (aadLength == 0) {
            // NaCl crypto_secretbox: the tag covers the ciphertext alone
            poly.message(packet, ciphertextOffset, ciphertextLength);
            return;
        }
        poly.padded(packet, aadOffset, aadLength);
        poly.padded(packet, ciphertextOffset, ciphertextLength);
        poly.lengths(aadLength, ciphertextLength);
    }

    private static boolean outside(int offset, int length, int arrayLength) {
        return offset < 0 || length < 0 || offset > arrayLength - length;
    }
}
