package io.uxp.crypto.chacha;

/** {@link ChaCha20Poly1305PropertiesTest} on Bouncy Castle's composition. */
class ChaCha20Poly1305BouncyCastlePropertiesTest extends ChaCha20Poly1305PropertiesTest {

    private static final ChaCha20Poly1305Provider PROVIDER = new ChaCha20Poly1305Provider(Backend.BOUNCY_CASTLE);

    @Override
    ChaCha20Poly1305Provider provider() {
        return PROVIDER;
    }
}
