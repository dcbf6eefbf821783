package io.uxp.crypto.chacha;

import io.uxp.api.spi.PacketOpener;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;

/**
 * AEAD_CHACHA20_POLY1305 on the JDK's own {@code ChaCha20-Poly1305} cipher (SunJCE), in place: the same bytes
 * as {@link ChaChaPolyAead}, faster on JDKs whose ChaCha20 and Poly1305 have intrinsics (JDK 20 and later on
 * x86-64 with AVX2 or AVX-512).
 *
 * <p>What the JDK's API costs per packet: a {@link Cipher#init} with a new {@link IvParameterSpec} (the JCE has
 * no nonce-only re-init), which allocates the spec, a copy of the nonce, a copy of the key and the cipher's
 * per-operation engine (measured in {@code JdkBackendAllocationTest}); a failed open costs the
 * {@link AEADBadTagException} the JDK throws. The JDK verifies the tag before it decrypts, so a failed open
 * leaves the buffer as it was (the SPI's contract, checked by the property tests against this class too).
 *
 * <p>Not thread-safe: one instance serves one direction of one connection, on its owner thread.
 */
final class JdkChaChaPolyAead implements Aead {

    /** The JCE name of RFC 8439's AEAD. */
    static final String TRANSFORMATION = "ChaCha20-Poly1305";

    private final Cipher cipher;
    private final RawKey key;
    /**
     * The nonce of the last initialisation: the JDK refuses an encryption (JDK 17: any initialisation) under
     * the key and nonce of the one before.
     */
    private final byte[] lastNonce = new byte[NONCE_BYTES];
    private final byte[] otherNonce = new byte[NONCE_BYTES];
    private boolean initialisedBefore;
    private boolean destroyed;

    /**
     * @param key 32 bytes; copied
     * @throws IllegalArgumentException if the key is not 32 bytes
     * @throws IllegalStateException if this JDK has no {@code ChaCha20-Poly1305} cipher
     */
    JdkChaChaPolyAead(byte[] key) {
        Aead.checkKey(key);
        this.cipher = newCipher();
        this.key = new RawKey(key);
    }

    /** @return a {@code ChaCha20-Poly1305} cipher of this JDK, preferring SunJCE */
    static Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION, "SunJCE");
        } catch (GeneralSecurityException e) {
            try {
                return Cipher.getInstance(TRANSFORMATION);
            } catch (GeneralSecurityException again) {
                throw new IllegalStateException("this JDK has no " + TRANSFORMATION + " cipher", again);
            }
        }
    }

    @Override
    public int seal(byte[] nonce, byte[] packet, int aadOffset, int aadLength, int bodyOffset, int plaintextLength) {
        Aead.checkSeal(destroyed, nonce, packet, aadOffset, aadLength, bodyOffset, plaintextLength);
        try {
            init(Cipher.ENCRYPT_MODE, nonce);
            cipher.updateAAD(packet, aadOffset, aadLength);
            return cipher.doFinal(packet, bodyOffset, plaintextLength, packet, bodyOffset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's " + TRANSFORMATION + " failed to seal: " + e.getMessage(), e);
        }
    }

    @Override
    public int open(byte[] nonce, byte[] packet, int aadOffset, int aadLength, int bodyOffset, int bodyLength) {
        if (Aead.refuseOpen(destroyed, nonce, packet, aadOffset, aadLength, bodyOffset, bodyLength)) {
            return PacketOpener.FAILED;
        }
        try {
            init(Cipher.DECRYPT_MODE, nonce);
            cipher.updateAAD(packet, aadOffset, aadLength);
            return cipher.doFinal(packet, bodyOffset, bodyLength, packet, bodyOffset);
        } catch (GeneralSecurityException | RuntimeException e) {
            return PacketOpener.FAILED; // AEADBadTagException above all: a tag that does not verify
        }
    }

    /**
     * Initialises the cipher for one packet. A nonce equal to the last one (a caller sealing twice under one
     * nonce, never the record layer, whose nonces count up; or opening a packet under the nonce of a forgery
     * just refused) gets an initialisation under another nonce first, which the JDK would otherwise refuse.
     */
    private void init(int mode, byte[] nonce) throws GeneralSecurityException {
        if (initialisedBefore && Arrays.equals(nonce, lastNonce)) {
            System.arraycopy(nonce, 0, otherNonce, 0, NONCE_BYTES);
            otherNonce[0] ^= 1;
            cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(otherNonce));
        }
        cipher.init(mode, key, new IvParameterSpec(nonce));
        System.arraycopy(nonce, 0, lastNonce, 0, NONCE_BYTES);
        initialisedBefore = true;
    }

    @Override
    public void destroy() {
        destroyed = true;
        key.wipe();
        try {
            // the cipher holds its own copy of the key until the next init: replace it with the zero key
            init(Cipher.DECRYPT_MODE, new byte[NONCE_BYTES]);
        } catch (GeneralSecurityException | RuntimeException e) {
            // nothing more can be wiped; the instance refuses to work either way
        }
    }


    /** A raw key the JCE copies on each init and this class can wipe (a {@code SecretKeySpec} cannot be). */
    private static final class RawKey implements SecretKey {
        private static final long serialVersionUID = 1L;
        private final byte[] bytes;

        RawKey(byte[] key) {
            this.bytes = key.clone();
        }

        @Override
        public String getAlgorithm() {
            return "ChaCha20";
        }

        @Override
        public String getFormat() {
            return "RAW";
        }

        @Override
        public byte[] getEncoded() {
            return bytes.clone();
        }

        void wipe() {
            Arrays.fill(bytes, (byte) 0);
        }

        @Override
        public void destroy() {
            wipe();
        }

        @Override
        public boolean isDestroyed() {
            for (byte b : bytes) {
                if (b != 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
