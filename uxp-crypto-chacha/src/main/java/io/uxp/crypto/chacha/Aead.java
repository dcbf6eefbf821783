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
}
