package io.uxp.crypto.chacha;

/**
 * One direction's AEAD_CHACHA20_POLY1305 (RFC 8439 section 2.8) in place: what {@link ChaChaPolySealer} and
 * {@link ChaChaPolyOpener} delegate to. Two implementations give identical bytes: {@link ChaChaPolyAead} on
 * Bouncy Castle (portable, allocation-free) and {@link JdkChaChaPolyAead} on the JDK's own cipher (faster
 * where the JDK has ChaCha20 and Poly1305 intrinsics); {@link Backend} chooses.
 *
 * <p>Not thread-safe: one instance serves one direction of one connection, on its owner thread.
 */
interface Aead {

    /** RFC 8439 section 2.8: a 256-bit key. */
    int KEY_BYTES = 32;
    /** RFC 8439 section 2.8: a 96-bit nonce. */
    int NONCE_BYTES = 12;
    /** RFC 8439 section 2.8: a 128-bit tag. */
    int TAG_BYTES = 16;

    /** See {@link io.uxp.api.spi.PacketSealer#seal}. */
    int seal(byte[] nonce, byte[] packet, int aadOffset, int aadLength, int bodyOffset, int plaintextLength);

    /** See {@link io.uxp.api.spi.PacketOpener#open}. */
    int open(byte[] nonce, byte[] packet, int aadOffset, int aadLength, int bodyOffset, int bodyLength);

    /** Wipes the key; later calls refuse to seal and fail to open. */
    void destroy();

    /**
     * @param key the key given to a new instance
     * @return {@code key}
     * @throws IllegalArgumentException if it is not 32 bytes
     */
    static byte[] checkKey(byte[] key) {
        java.util.Objects.requireNonNull(key, "key");
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("chacha20-poly1305 needs a " + KEY_BYTES + "-byte key, got "
                    + key.length + " bytes");
        }
        return key;
    }

    /**
     * The caller's mistakes a seal refuses (they are bugs, not peer input).
     *
     * @throws IllegalStateException if the instance was destroyed
     * @throws IllegalArgumentException if the nonce is not 12 bytes
     * @throws IndexOutOfBoundsException if a region lies outside the packet or leaves no room for the tag
     */
    static void checkSeal(boolean destroyed, byte[] nonce, byte[] packet, int aadOffset, int aadLength,
            int bodyOffset, int plaintextLength) {
        if (destroyed) {
            throw new IllegalStateException(
                    "this chacha20-poly1305 sealer was destroyed; make a new one for a new key");
        }
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("chacha20-poly1305 needs a 12-byte nonce");
        }
        java.util.Objects.checkFromIndexSize(aadOffset, aadLength, packet.length);
        java.util.Objects.checkFromIndexSize(bodyOffset, plaintextLength, packet.length - TAG_BYTES);
    }

    /** @return whether an open must fail before any work: destroyed, or arguments no packet can have */
    static boolean refuseOpen(boolean destroyed, byte[] nonce, byte[] packet, int aadOffset, int aadLength,
            int bodyOffset, int bodyLength) {
        return destroyed || nonce == null || packet == null || nonce.length != NONCE_BYTES || bodyLength < TAG_BYTES
                || outside(aadOffset, aadLength, packet.length) || outside(bodyOffset, bodyLength, packet.length);
    }

    private static boolean outside(int offset, int length, int arrayLength) {
        return offset < 0 || length < 0 || offset > arrayLength - length;
    }
}
