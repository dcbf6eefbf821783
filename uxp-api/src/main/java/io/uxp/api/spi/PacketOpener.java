package io.uxp.api.spi;

/**
 * Authenticates and decrypts datagrams of one direction in place, under one key. One owner thread; allocates nothing
 * per call, and reports a forgery by its return value, never by an exception.
 */
public interface PacketOpener {

    /** Returned by {@link #open} when the body does not authenticate. */
    int FAILED = -1;

    /**
     * Verifies and decrypts in place. On success the plaintext lies at
     * {@code [bodyOffset + prefixBytes, bodyOffset + prefixBytes + returned length)}. On failure the
     * buffer is left exactly as it was (verify the tag, in constant time, before decrypting), so the caller may
     * try another key.
     *
     * @param nonce {@link CipherProvider#nonceBytes()} bytes, rebuilt from the record's packet number; read it
     *     during the call only
     * @param packet the datagram buffer
     * @param aadOffset start of the associated data: the record's 17-byte cleartext header
     * @param aadLength length of the associated data, 17
     * @param bodyOffset start of the sealed body
     * @param bodyLength length of the <em>sealed body</em> (the datagram's length minus the header), prefix and
     *     suffix included; the runtime calls only with at least {@code overheadBytes() + 1}
     * @return the plaintext length ({@code bodyLength - overheadBytes()}), or {@link #FAILED} if the body is too
     *     short, lies outside the buffer, comes with a nonce of the wrong length, or does not authenticate
     */
    int open(byte[] nonce, byte[] packet, int aadOffset, int aadLength, int bodyOffset, int bodyLength);

    /** Overwrites the key material held by this opener; afterwards {@link #open} returns {@link #FAILED}. */
    void destroy();
}
