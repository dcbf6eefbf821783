package io.uxp.crypto.chacha;

import io.uxp.api.spi.PacketOpener;
import java.util.Arrays;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AEAD_CHACHA20_POLY1305 (RFC 8439 section 2.8), composed from Bouncy Castle's ChaCha20 block function
 * ({@link ChaChaKeystream}) and Poly1305 MAC so that a packet is sealed or opened in place with no allocation.
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
    /** RFC 8439 section 2.8: padding aligns the MAC input to Poly1305's 16-byte blocks. */
    private static final int PAD_BLOCK = 16;
    /** Read-only zeros: the padding. */
    private static final byte[] ZEROS = new byte[PAD_BLOCK];

    private final ChaChaKeystream chacha;
    private final Poly1305 poly = new Poly1305();
    /**
     * Reused for every packet. Bouncy Castle's {@link KeyParameter#getKey()} returns the parameter's own
     * array, so the one-time key is written straight into it; the RFC vectors fail if that ever changes.
     */
    private final KeyParameter polyKeyParameter = new KeyParameter(new byte[POLY_KEY_BYTES]);
    private final byte[] polyKey = polyKeyParameter.getKey();
    /** le64(aad length) || le64(ciphertext length), the MAC input's last block. */
    private final byte[] lengths = new byte[2 * Long.BYTES];
    private final byte[] expectedTag = new byte[TAG_BYTES];
    /**
     * Set by {@link #destroy()}. The wiped state is an all-zero key that anyone can use, so a destroyed
     * instance must refuse to seal (it would publish plaintext) and to open (it would accept forgeries).
     */
    private boolean destroyed;

    /**
     * @param key 32 bytes; copied into the engine state
     * @throws IllegalArgumentException if the key is not 32 bytes
     */
    ChaChaPolyAead(byte[] key) {
        Aead.checkKey(key);
        chacha = new ChaChaKeystream(key);
    }

    @Override
    public int seal(byte[] nonce, byte[] packet, int aadOffset, int aadLength, int bodyOffset, int plaintextLength) {
        Aead.checkSeal(destroyed, nonce, packet, aadOffset, aadLength, bodyOffset, plaintextLength);
        startPacket(nonce);
        chacha.xor(packet, bodyOffset, plaintextLength);
        authenticate(packet, aadOffset, aadLength, bodyOffset, plaintextLength);
        poly.doFinal(packet, bodyOffset + plaintextLength);
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
        poly.doFinal(expectedTag, 0);
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
        poly.init(polyKeyParameter);
    }

    /** Sets the keystream to block 0 of this nonce, keys Poly1305 from it, and leaves ChaCha20 at block 1. */
    private void startPacket(byte[] nonce) {
        chacha.restart(nonce);
        chacha.poly1305Key(polyKey);
        poly.init(polyKeyParameter);
    }

    /** Feeds the RFC 8439 section 2.8 MAC input for this AAD and ciphertext, all but the final call. */
    private void authenticate(byte[] packet, int aadOffset, int aadLength, int ciphertextOffset,
            int ciphertextLength) {
        poly.update(packet, aadOffset, aadLength);
        poly.update(ZEROS, 0, padding(aadLength));
        poly.update(packet, ciphertextOffset, ciphertextLength);
        poly.update(ZEROS, 0, padding(ciphertextLength));
        putLittleEndian64(aadLength, lengths, 0);
        putLittleEndian64(ciphertextLength, lengths, Long.BYTES);
        poly.update(lengths, 0, lengths.length);
    }

    private static int padding(int length) {
        return (PAD_BLOCK - (length % PAD_BLOCK)) % PAD_BLOCK;
    }


    private static void putLittleEndian64(long value, byte[] out, int offset) {
        for (int i = 0; i < Long.BYTES; i++) {
            out[offset + i] = (byte) (value >>> (8 * i));
        }
    }
}
