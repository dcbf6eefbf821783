package io.uxp.runtime.example;

import io.uxp.api.spi.CipherProvider;
import io.uxp.api.spi.PacketOpener;
import io.uxp.api.spi.PacketSealer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cipher example of docs/SPI.md: AES-256-GCM through the JDK's {@code javax.crypto}, as a third party would
 * write it. It follows the SPI's contract (in place, prefix 0 and a 16-byte tag as suffix, {@code open} never
 * throws and leaves the buffer as it was on failure) but, unlike the built-ins, allocates on every packet: the JDK
 * needs a new {@link GCMParameterSpec} and an {@code init} per nonce, and reports a bad tag by an exception.
 */
public final class JceAesGcmProvider implements CipherProvider {

    /** The wire name: a third party picks a name of its own, never a built-in one. */
    public static final String NAME = "example-aes-256-gcm";
    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    /** A public no-argument constructor, for {@link java.util.ServiceLoader}; the provider holds no state. */
    public JceAesGcmProvider() {
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
        return new Sealer(checkedKey(key));
    }

    @Override
    public PacketOpener newOpener(byte[] key) {
        return new Opener(checkedKey(key));
    }

    /** The caller wipes its array as soon as this returns, so the key is copied (SecretKeySpec clones it). */
    private static SecretKeySpec checkedKey(byte[] key) {
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

    /** Seals in place: ciphertext over the plaintext, the tag after it. */
    private static final class Sealer implements PacketSealer {
        private final Cipher cipher = newCipher();
        private SecretKeySpec key;

        Sealer(SecretKeySpec key) {
            this.key = key;
        }

        @Override
        public int seal(byte[] nonce, byte[] packet, int aadOffset, int aadLength, int bodyOffset,
                int plaintextLength) {
            if (key == null) {
                throw new IllegalStateException(NAME + ": the sealer was destroyed");
            }
            if (nonce.length != NONCE_BYTES) {
                throw new IllegalArgumentException(NAME + " needs a " + NONCE_BYTES + "-byte nonce");
            }
            try {
                // a new parameter object and init per nonce: the allocation the built-ins avoid
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
                cipher.updateAAD(packet, aadOffset, aadLength);
                return cipher.doFinal(packet, bodyOffset, plaintextLength, packet, bodyOffset);
            } catch (GeneralSecurityException e) {
                // a caller's bug (a region outside the buffer), never peer input
                throw new IllegalArgumentException(NAME + " could not seal: " + e, e);
            }
        }

        @Override
        public void destroy() {
            // SecretKeySpec cannot be wiped (destroy() is not supported), and the JDK's cipher keeps an expanded
            // copy: dropping both is all a javax.crypto provider can do
            key = null;
        }
    }

    /** Verifies into a scratch copy first: JCE does not promise to leave an in-place buffer alone on failure. */
    private static final class Opener implements PacketOpener {
        private final Cipher cipher = newCipher();
        private final byte[] scratch = new byte[65_536];
        private SecretKeySpec key;

        Opener(SecretKeySpec key) {
            this.key = key;
        }

        @Override
        public int open(byte[] nonce, byte[] packet, int aadOffset, int aadLength, int bodyOffset, int bodyLength) {
            if (key == null || nonce.length != NONCE_BYTES || bodyLength < TAG_BYTES || bodyLength > scratch.length
                    || aadOffset < 0 || aadLength < 0 || aadOffset > packet.length - aadLength
                    || bodyOffset < 0 || bodyOffset > packet.length - bodyLength) {
                return FAILED;
            }
            try {
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
                cipher.updateAAD(packet, aadOffset, aadLength);
                int n = cipher.doFinal(packet, bodyOffset, bodyLength, scratch, 0);
                System.arraycopy(scratch, 0, packet, bodyOffset, n);
                return n;
            } catch (GeneralSecurityException e) {
                // AEADBadTagException for a forgery: an exception (and its stack trace) per bad packet
                return FAILED;
            } finally {
                Arrays.fill(scratch, 0, Math.min(scratch.length, bodyLength), (byte) 0);
            }
        }

        @Override
        public void destroy() {
            key = null;
            Arrays.fill(scratch, (byte) 0);
        }
    }
}
