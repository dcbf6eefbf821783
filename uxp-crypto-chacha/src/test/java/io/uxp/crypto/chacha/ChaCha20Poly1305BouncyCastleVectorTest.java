package io.uxp.crypto.chacha;

/** {@link ChaCha20Poly1305VectorTest} on Bouncy Castle's composition. */
class ChaCha20Poly1305BouncyCastleVectorTest extends ChaCha20Poly1305VectorTest {

    private static final ChaCha20Poly1305Provider PROVIDER = new ChaCha20Poly1305Provider(Backend.BOUNCY_CASTLE);

    @Override
    ChaCha20Poly1305Provider provider() {
        return PROVIDER;
    }
}
