package io.uxp.api.spi;

/**
 * Seals datagrams of one direction in place. One owner thread; allocates nothing per call.
 */
public interface PacketSealer {

    /**
     * Encrypts and authenticates in place. On entry the plaintext lies at
     * {@code [bodyOffset + prefixBytes, bodyOffset + prefixBytes + plaintextLength)}; on return the sealed
     * body lies at {@code [bodyOffset, bodyOffset + returned length)}.
     *
     * @param nonce {@link CipherProvider#nonceBytes()} bytes, never reused under this key
     * @param packet the datagram buffer
     * @param aadOffset start of the associated data (the cleartext header)
     * @param aadLength length of the associated data
     * @param bodyOffset start of the sealed body
     * @param plaintextLength length of the plaintext
     * @return the sealed body's length: {@code prefixBytes + plaintextLength + suffixBytes}
     */
    int seal(byte[] nonce, byte[] packet, int aadOffset, int aadLength, int bodyOffset, int plaintextLength);

    /**
     * Overwrites the key material held by this sealer; afterwards {@link #seal} throws
     * {@link IllegalStateException} (a wiped key is a known key: sealing under it would publish the plaintext).
     */
    void destroy();
}
