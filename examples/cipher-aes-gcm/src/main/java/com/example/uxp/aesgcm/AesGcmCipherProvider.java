package com.example.uxp.aesgcm;

import io.uxp.api.spi.CipherProvider;
import io.uxp.api.spi.PacketOpener;
import io.uxp.api.spi.PacketSealer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM (NIST SP 800-38D) as a UXP cipher, through the JDK's {@code AES/GCM/NoPadding}: a 32-byte key, a
 * 12-byte nonce (the record layer's per-packet nonce), the 16-byte tag after the ciphertext. Written against
 * {@code io.uxp.api.spi} alone, as any third party would.
 *
 * <p>It keeps the SPI's contract (in place, {@code open} never throws and leaves the buffer as it was when it
 * fails), but unlike UXP's built-in ciphers it allocates on every packet: {@code javax.crypto} needs a new
 * {@code GCMParameterSpec} and an {@code init} per nonce, and reports a bad tag by throwing. docs/SPI.md section 4
 * gives the measured cost.
 *
 * <p>Stateless and thread-safe; the per-direction state is in the {@link AesGcmSealer} and {@link AesGcmOpener} it
 * makes.
 */
public final class AesGcmCipherProvider implements CipherProvider {

    /** The wire name; UXP's built-in ciphers never use it. */
    public static final String NAME = "aes-256-gcm";
    /** AES-256: a 256-bit key. */
    static final int KEY_BYTES = 32;
    /** The 96-bit IV that SP 800-38D section 5.2.1.1 recommends (no GHASH of the IV). */
    static final int NONCE_BYTES = 12;
    /** A full 128-bit tag (SP 800-38D section 5.2.1.2). */
    static final int TAG_BYTES = 16;
    static final String TRANSFORMATION = "AES/GCM/NoPadding";

    /** The public no-argument constructor {@link java.util.ServiceLoader} needs; the provider holds no state. */
    public AesGcmCipherProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int keyBytes() {
        return KEY_BYTES;
    }

    @Override
    public int nonceBytes() {
        return NONCE_BYTES;
    }

    /** @return 0: GCM appends its tag, so nothing comes before the ciphertext */
    @Override
    public int prefixBytes() {
        return 0;
    }

    @Override
    public int suffixBytes() {
        return TAG_BYTES;
    }

    @Override
    public PacketSealer newSealer(byte[] key) {
        return new AesGcmSealer(keySpec(key), newCipher());
    }

    @Override
    public PacketOpener newOpener(byte[] key) {
        return new AesGcmOpener(keySpec(key), newCipher());
    }

    /** The caller wipes its array as soon as we return: {@link SecretKeySpec} keeps a copy of its own. */
    private static SecretKeySpec keySpec(byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException(NAME + " needs a " + KEY_BYTES + "-byte key, got "
                    + (key == null ? "null" : key.length + " bytes"));
        }
        return new SecretKeySpec(key, "AES");
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(TRANSFORMATION + " is not available in this JDK", e);
        }
    }
}
