package io.uxp.runtime.record;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * HKDF with HMAC-SHA256 (RFC 5869). Used only at handshake and key-update time, never per packet, so it
 * allocates freely.
 */
public final class Hkdf {

    /** SHA-256 output length, in bytes (FIPS 180-4). */
    public static final int HASH_BYTES = 32;
    /** Expand produces at most 255 blocks (RFC 5869 section 2.3). */
    private static final int MAX_BLOCKS = 255;

    private Hkdf() {
    }

    /**
     * @param key the HMAC key
     * @param parts the message, the concatenation of these arrays
     * @return HMAC-SHA256(key, parts)
     */
    public static byte[] hmac(byte[] key, byte[]... parts) {
        HMac mac = new HMac(new SHA256Digest());
        mac.init(new KeyParameter(key));
        for (byte[] p : parts) {
            mac.update(p, 0, p.length);
        }
        byte[] out = new byte[HASH_BYTES];
        mac.doFinal(out, 0);
        return out;
    }

    /**
     * @param salt the salt (RFC 5869 section 2.2; an empty salt means HashLen zero bytes)
     * @param ikm the input keying material
     * @return the pseudorandom key
     */
    public static byte[] extract(byte[] salt, byte[] ikm) {
        return hmac(salt.length == 0 ? new byte[HASH_BYTES] : salt, ikm);
    }

    /**
     * @param prk a pseudorandom key of at least {@link #HASH_BYTES} bytes
     * @param info the context and label
     * @param length output length, at most 255 * 32 bytes
     * @return the output keying material (RFC 5869 section 2.3)
     */
    public static byte[] expand(byte[] prk, byte[] info, int length) {
        if (length < 0 || length > MAX_BLOCKS * HASH_BYTES) {
            throw new IllegalArgumentException("HKDF-Expand length out of range: " + length);
        }
        HMac mac = new HMac(new SHA256Digest());
        mac.init(new KeyParameter(prk));
        byte[] out = new byte[length];
        byte[] block = new byte[HASH_BYTES];
        int done = 0;
        for (int i = 1; done < length; i++) {
            if (i > 1) {
                mac.update(block, 0, HASH_BYTES);
            }
            mac.update(info, 0, info.length);
            mac.update((byte) i);
            mac.doFinal(block, 0);
            int n = Math.min(HASH_BYTES, length - done);
            System.arraycopy(block, 0, out, done, n);
            done += n;
        }
        return out;
    }
}
