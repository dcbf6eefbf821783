package io.uxp.api.spi;

/**
 * Authenticates and decrypts datagrams of one direction in place. One owner thread; allocates nothing
 * per call, and reports a forgery by its return value, never by an exception.
 */
public interface PacketOpener {

    /** Returned by {@link #open} when the body does not authenticate. */
    int FAILED = -1;

    /**
     * Verifies and decrypts in place. On success the plaintext lies at
     * {@code [bodyOffset + prefixBytes, bodyOffset + prefixBytes + returned length)}. On failure the
     * buffer is left exactly as it was (verify before decrypting), so the caller may try another key.
     *
     * @param nonce {@link CipherProvider#nonceBytes()} bytes
     * @param packet the datagram buffer
     * @param aadOffset start of the associated data (the cleartext header)
     * @param aadLength length of the associated data
     * @param bodyOffset start of the sealed body
     * @param bodyLength length of the sealed body
     * @return the plaintext length, or {@link #FAILED} if the body is too short or does not authenticate
     */
    int open(byte[] nonce, byte[] packet, int aadOffset, int aadLength, int bodyOffset, int bodyLength);

    /** Overwrites the key material held by this opener; afterwards {@link #open} returns {@link #FAILED}. */
    void destroy();
}
