package io.uxp.api.spi;

/**
 * An AEAD cipher that protects every datagram of a connection. Found by {@link java.util.ServiceLoader};
 * a provider module declares {@code provides io.uxp.api.spi.CipherProvider with ...} and lists the same
 * class in {@code META-INF/services/io.uxp.api.spi.CipherProvider}.
 *
 * <p>Sealed layout: a sealed body occupies {@code prefixBytes() + plaintext + suffixBytes()}. A cipher
 * that puts its tag first (NaCl secretbox) has a prefix; one that appends it (RFC 8439) has a suffix.
 * The caller writes the plaintext after the prefix room, so sealing never moves data.
 *
 * <p>UXP's record layer always passes its cleartext header as associated data, so the associated data is
 * never empty; a construction may rely on that (see docs/CIPHERS.md for {@code xsalsa20-poly1305}).
 *
 * <p>Implementations are stateless and thread-safe; the per-direction state lives in the
 * {@link PacketSealer} and {@link PacketOpener} they make.
 */
public interface CipherProvider {

    /** @return the stable wire name, for example {@code chacha20-poly1305}; at most 32 ASCII bytes */
    String name();

    /** @return the key length, in bytes */
    int keyBytes();

    /** @return the nonce length, in bytes; the record layer derives each nonce from a packet number */
    int nonceBytes();

    /** @return bytes the sealed body holds before the plaintext (for example a leading tag) */
    int prefixBytes();

    /** @return bytes the sealed body holds after the plaintext (for example a trailing tag) */
    int suffixBytes();

    /** @return total per-packet expansion, in bytes */
    default int overheadBytes() {
        return prefixBytes() + suffixBytes();
    }

    /**
     * @param key {@link #keyBytes()} bytes; the sealer keeps its own copy
     * @return a sealer for one direction of one connection
     */
    PacketSealer newSealer(byte[] key);

    /**
     * @param key {@link #keyBytes()} bytes; the opener keeps its own copy
     * @return an opener for one direction of one connection
     */
    PacketOpener newOpener(byte[] key);
}
