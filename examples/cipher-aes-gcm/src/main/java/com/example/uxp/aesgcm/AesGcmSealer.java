package com.example.uxp.aesgcm;

import io.uxp.api.spi.PacketSealer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals one direction's datagrams in place: the ciphertext over the plaintext, the 16-byte tag right after it.
 * One owner thread, as the SPI says.
 */
final class AesGcmSealer implements PacketSealer {

    private final Cipher cipher;
    private SecretKeySpec key;

    AesGcmSealer(SecretKeySpec key, Cipher cipher) {
        this.key = key;
        this.cipher = cipher;
    }

    @Override
    public int seal(byte[] nonce, byte[] packet, int aadOffset, int aadLength, int bodyOffset, int plaintextLength) {
        if (key == null) {
            throw new IllegalStateException(AesGcmCipherProvider.NAME + ": the sealer was destroyed");
        }
        if (nonce == null || nonce.length != AesGcmCipherProvider.NONCE_BYTES) {
            throw new IllegalArgumentException(AesGcmCipherProvider.NAME + " needs a "
                    + AesGcmCipherProvider.NONCE_BYTES + "-byte nonce");
        }
        try {
            // a new parameter object and a new init per nonce: javax.crypto has no other way, and it allocates
            cipher.init(Cipher.ENCRYPT_MODE, key,
                    new GCMParameterSpec(AesGcmCipherProvider.TAG_BYTES * Byte.SIZE, nonce));
            cipher.updateAAD(packet, aadOffset, aadLength);
            return cipher.doFinal(packet, bodyOffset, plaintextLength, packet, bodyOffset);
        } catch (GeneralSecurityException e) {
            // a caller's bug (a region outside the buffer), never a peer's input
            throw new IllegalArgumentException(AesGcmCipherProvider.NAME + " could not seal: " + e, e);
        }
    }

    /**
     * Drops the key. {@link SecretKeySpec} cannot be wiped on JDK 17 and the JDK's cipher keeps its own expanded
     * key, so dropping the references is all a {@code javax.crypto} provider can do; the garbage collector decides
     * when the bytes go.
     */
    @Override
    public void destroy() {
        key = null;
    }
}
