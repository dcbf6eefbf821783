package io.uxp.crypto.chacha;

import io.uxp.api.spi.PacketOpener;
import io.uxp.crypto.mac.Poly1305;
import io.uxp.crypto.mac.TagCompare;
import java.util.Arrays;

/**
 * AEAD_CHACHA20_POLY1305 (RFC 8439 section 2.8), composed from ChaCha20 keystreams ({@link ChaChaKeystream}: Bouncy
 * Castle's block function for block 0, SIMD lanes for the body) and a radix-2^64 Poly1305 ({@link Poly1305})
 * so that a packet is sealed or opened in place with no allocation.
 *
 * <p>Per packet: the ChaCha20 block with counter 0 gives the one-time Poly1305 key (its first 32 bytes);
 * the plaintext is XORed with the keystream from counter 1; the tag is Poly1305 over
 * {@code aad || pad16 || ciphertext || pad16 || le64(aad length) || le64(ciphertext length)}.
 *
 * <p>Not thread-safe: one instance serves one direction of one connection, on its owner thread.
 */
final class ChaChaPolyAead implements Aead {

    /** RFC 8439 section 2.6: the Poly1305 key is the first 32 bytes of keystream block 0. */
    private static final int POLY_KEY_BYTES = 32;

    private final ChaChaKeystream chacha;
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
     * @param key 32 bytes; copied into the engine state
     * @param lanes how the body's keystream is computed
     * @throws IllegalArgumentException if the key is not 32 bytes
     */
    ChaChaPolyAead(byte[] key, Lanes lanes) {
        Aead.checkKey(key);
        chacha = new ChaChaKeystream(key, lanes);
    }

    @Override
    public int seal(byte[] nonce, byte[] packet, int aadOffset, int aadLength, int bodyOffset, int plaintextLength) {
        Aead.checkSeal(destroyed, nonce, packet, aadOffset, aadLength, bodyOffset, plaintextLength);
        startPacket(nonce);
        chacha.xor(packet, bodyOffset, plaintextLength);
        authenticate(packet, aadOffset, aadLength, bodyOffset, plaintextLength);
        poly.finish(packet, bodyOffset + plaintextLength);
        return plaintextLength + TAG_BYTES;
    }

    @Override
    public int open(byte[] nonce, byte[] packet, int aadOffset, int aadLength, int bodyOffset, int bodyLength) {
        if (Aead.refuseOpen(destroyed, nonce, packet, aadOffset, aadLength, bodyOffset, bodyLength)) {
            return PacketOpener.FAILED;
        }
        int ciphertextLength = bodyLength - TAG_BYTES;
        startPacket(nonce);
        authenticate(packet, aadOffset, aadLength, bodyOffset, ciphertextLength);
        poly.finish(expectedTag, 0);
        if (!TagCompare.equal(expectedTag, packet, bodyOffset + ciphertextLength)) {
            return PacketOpener.FAILED;
        }
        chacha.xor(packet, bodyOffset, ciphertextLength);
        return ciphertextLength;
    }

    @Override
    public void destroy() {
        destroyed = true;
        chacha.wipe();
        Arrays.fill(polyKey, (byte) 0);
        Arrays.fill(expectedTag, (byte) 0);
        poly.wipe();
    }

    /** Sets the keystream to block 0 of this nonce, keys Poly1305 from it, and leaves ChaCha20 at block 1. */
    private void startPacket(byte[] nonce) {
        chacha.restart(nonce);
        chacha.poly1305Key(polyKey);
        poly.init(polyKey);
    }

    /** Feeds the RFC 8439 section 2.8 MAC input for this AAD and ciphertext, all but the final call. */
    private void authenticate(byte[] packet, int aadOffset, int aadLength, int ciphertextOffset,
            int ciphertextLength) {
        poly.padded(packet, aadOffset, aadLength);
        poly.padded(packet, ciphertextOffset, ciphertextLength);
        poly.lengths(aadLength, ciphertextLength);
    }
}
