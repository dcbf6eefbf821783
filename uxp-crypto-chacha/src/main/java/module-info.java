/**
 * The {@code chacha20-poly1305} cipher provider (RFC 8439), on Bouncy Castle's lightweight API or, from JDK 21, on the
 * JDK's own cipher (system property {@code uxp.chacha.backend}; docs/CIPHERS.md).
 *
 * <p>Exports nothing: the runtime finds {@link io.uxp.crypto.chacha.ChaCha20Poly1305Provider} through
 * {@link java.util.ServiceLoader}.
 */
module io.uxp.crypto.chacha {
    requires io.uxp.api;
    requires org.bouncycastle.provider;
    requires io.uxp.crypto.mac;

    provides io.uxp.api.spi.CipherProvider with io.uxp.crypto.chacha.ChaCha20Poly1305Provider;
}
