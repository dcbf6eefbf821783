package io.uxp.api.spi;

/**
 * An AEAD cipher that protects every datagram of a connection. Found by {@link java.util.ServiceLoader};
 * a provider module declares {@code provides io.uxp.api.spi.CipherProvider with ...} and lists the same
 * class in {@code META-INF/services/io.uxp.api.spi.CipherProvider}. docs/SPI.md section 4 has a complete example.
 *
 * <p>Sealed layout: a sealed body occupies {@code prefixBytes() + plaintext + suffixBytes()}. A cipher
 * that puts its tag first (NaCl secretbox) has a prefix; one that appends it (RFC 8439, GCM) has a suffix.
 * The caller writes the plaintext after the prefix room, so sealing never moves data.
 *
 * <p>Declared sizes are checked when the provider is loaded ({@link ProviderChecks}); outside these ranges the
 * provider is refused, not listed: {@link #keyBytes()} 16 to 64, {@link #nonceBytes()} 8 to 32 (the record layer
 * writes the 8-byte packet number into the nonce's last 8 bytes), prefix and suffix not negative, and
 * {@link #overheadBytes()} equal to their sum and 16 to 64 (a tag of at least 128 bits).
 *
 * <p>UXP's record layer always passes its cleartext header (17 bytes) as associated data, so the associated data
 * is never empty; a construction may rely on that (see docs/CIPHERS.md for {@code xsalsa20-poly1305}).
 *
 * <p>Implementations are stateless and thread-safe; the per-direction state lives in the
 * {@link PacketSealer} and {@link PacketOpener} they make, one per direction and key generation.
 */
public interface CipherProvider {

    /** @return the stable wire name, for example {@code chacha20-poly1305}; at most 32 ASCII bytes */
    String name();

    /** @return the key length, in bytes, 16 to 64 */
    int keyBytes();

    /**
     * @return the nonce length, in bytes, 8 to 32; the record layer derives each nonce from a packet number (the
     *     nonce base XOR the packet number in the last 8 bytes), so it never repeats under a key
     */
    int nonceBytes();

    /** @return bytes the sealed body holds before the plaintext (for example a leading tag) */
    int prefixBytes();

    /** @return bytes the sealed body holds after the plaintext (for example a trailing tag) */
    int suffixBytes();

    /** @return total per-packet expansion, in bytes: exactly prefix plus suffix, 16 to 64 */
    default int overheadBytes() {
        return prefixBytes() + suffixBytes();
    }

    /**
     * @param key {@link #keyBytes()} bytes, just derived for this direction and key generation. The caller owns the
     *     array and overwrites it as soon as this returns: the sealer keeps its own copy, and wipes it in
     *     {@link PacketSealer#destroy()}
     * @return a sealer for one direction of one connection
     * @throws IllegalArgumentException if the key has the wrong length (here, never per packet)
     */
    PacketSealer newSealer(byte[] key);

    /**
     * @param key {@link #keyBytes()} bytes, as for {@link #newSealer}: copy it, the caller wipes its array
     * @return an opener for one direction of one connection
     * @throws IllegalArgumentException if the key has the wrong length
     */
    PacketOpener newOpener(byte[] key);
}
