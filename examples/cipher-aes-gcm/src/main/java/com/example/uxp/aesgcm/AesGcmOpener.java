package com.example.uxp.aesgcm;

import io.uxp.api.spi.PacketOpener;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opens one direction's datagrams. It decrypts into a scratch array it owns and copies the plaintext into the
 * packet only once the tag verified: {@code javax.crypto} does not promise to leave an in-place buffer untouched
 * when decryption fails, and the SPI requires exactly that. One owner thread.
 */
final class AesGcmOpener implements PacketOpener {

    /** Largest sealed body: a UDP payload (65,507 bytes over IPv4) fits. */
    static final int MAX_BODY_BYTES = 65_536;

    private final Cipher cipher;
    private final byte[] scratch = new byte[MAX_BODY_BYTES];
    private SecretKeySpec key;

    AesGcmOpener(SecretKeySpec key, Cipher cipher) {
        this.key = key;
        this.cipher = cipher;
    }

    @Override
    public int open(byte[] nonce, byte[] packet, int aadOffset, int aadLength, int bodyOffset, int bodyLength) {
        if (key == null || nonce == null || nonce.length != AesGcmCipherProvider.NONCE_BYTES || packet == null
                || bodyLength < AesGcmCipherProvider.TAG_BYTES || bodyLength > MAX_BODY_BYTES
                || aadOffset < 0 || aadLength < 0 || aadOffset > packet.length - aadLength
                || bodyOffset < 0 || bodyOffset > packet.length - bodyLength) {
            return FAILED;
        }
        try {
            cipher.init(Cipher.DECRYPT_MODE, key,
                    new GCMParameterSpec(AesGcmCipherProvider.TAG_BYTES * Byte.SIZE, nonce));
            cipher.updateAAD(packet, aadOffset, aadLength);
            int plaintextLength = cipher.doFinal(packet, bodyOffset, bodyLength, scratch, 0);
            System.arraycopy(scratch, 0, packet, bodyOffset, plaintextLength);
            return plaintextLength;
        } catch (GeneralSecurityException e) {
            // AEADBadTagException: a forgery or a corrupted datagram, answered by the return value
            return FAILED;
        } finally {
            Arrays.fill(scratch, 0, bodyLength, (byte) 0);
        }
    }

    /** Drops the key (see {@link AesGcmSealer#destroy()}) and wipes the scratch array. */
    @Override
    public void destroy() {
        key = null;
        Arrays.fill(scratch, (byte) 0);
    }
}
