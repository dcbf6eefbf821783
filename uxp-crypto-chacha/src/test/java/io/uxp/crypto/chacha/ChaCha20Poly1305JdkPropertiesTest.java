package io.uxp.crypto.chacha;

/** {@link ChaCha20Poly1305PropertiesTest} on the JDK's cipher. */
class ChaCha20Poly1305JdkPropertiesTest extends ChaCha20Poly1305PropertiesTest {

    private static final ChaCha20Poly1305Provider PROVIDER = new ChaCha20Poly1305Provider(Backend.JDK);

    @Override
    ChaCha20Poly1305Provider provider() {
        return PROVIDER;
    }
}
