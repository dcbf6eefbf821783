package io.uxp.api.spi;

/**
 * Seals datagrams of one direction in place, under one key. One thread at a time (the connection's worker, or an
 * application thread it lent its loop to for a send: keep no thread-local state; docs/SPI.md); allocates nothing
 * per call. A sealer that throws on the packet path closes its connection with a cause naming the provider.
 */
public interface PacketSealer {

    /**
     * Encrypts and authenticates in place. On entry the plaintext lies at
     * {@code [bodyOffset + prefixBytes, bodyOffset + prefixBytes + plaintextLength)}; on return the sealed
     * body lies at {@code [bodyOffset, bodyOffset + returned length)}. Bytes outside the sealed body, the
     * associated data included, are never written.
     *
     * @param nonce {@link CipherProvider#nonceBytes()} bytes, never reused under this key; the caller reuses the
     *     array for every packet, so read it during the call only
     * @param packet the datagram buffer (the datagram need not start at index 0)
     * @param aadOffset start of the associated data: the record's 17-byte cleartext header
     * @param aadLength length of the associated data, 17, never 0
     * @param bodyOffset start of the sealed body ({@code aadOffset + aadLength})
     * @param plaintextLength length of the plaintext, at least 1
     * @return the sealed body's length: exactly {@code prefixBytes + plaintextLength + suffixBytes}
     * @throws IllegalStateException after {@link #destroy()}
     * @throws IllegalArgumentException or {@link IndexOutOfBoundsException} for a caller's bug (a nonce of the
     *     wrong length, a region outside the buffer)
     */
    int seal(byte[] nonce, byte[] packet, int aadOffset, int aadLength, int bodyOffset, int plaintextLength);

    /**
     * Overwrites the key material held by this sealer; afterwards {@link #seal} throws
     * {@link IllegalStateException} (a wiped key is a known key: sealing under it would publish the plaintext).
     * Called when the connection closes or a key update replaces this key.
     */
    void destroy();
}
