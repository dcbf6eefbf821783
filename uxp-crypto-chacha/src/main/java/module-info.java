/**
 * The {@code chacha20-poly1305} cipher provider (RFC 8439), on Bouncy Castle's lightweight API or, from JDK 21, on the
 * JDK's own cipher (system property {@code uxp.chacha.backend}; docs/CIPHERS.md).
 *
 * <p>Reads the JDK's incubating Vector API when the JVM resolved it ({@code --add-modules jdk.incubator.vector}):
 * ChaCha20 then runs eight blocks per 256-bit vector (system property {@code uxp.chacha.lanes}); without it, the
 * same bytes come from a loop left to HotSpot's auto-vectorizer.
 *
 * <p>Exports nothing: the runtime finds {@link io.uxp.crypto.chacha.ChaCha20Poly1305Provider} through
 * {@link java.util.ServiceLoader}.
 */
module io.uxp.crypto.chacha {
    requires io.uxp.api;
    requires org.bouncycastle.provider;
    requires io.uxp.crypto.mac;
    requires static jdk.incubator.vector;

    provides io.uxp.api.spi.CipherProvider with io.uxp.crypto.chacha.ChaCha20Poly1305Provider;
}
