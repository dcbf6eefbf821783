package io.uxp.crypto.chacha;

import static io.uxp.crypto.chacha.ChaCha20Poly1305VectorTest.AAD_2_8_2;
import static io.uxp.crypto.chacha.ChaCha20Poly1305VectorTest.CIPHERTEXT_2_8_2;
import static io.uxp.crypto.chacha.ChaCha20Poly1305VectorTest.KEY_2_8_2;
import static io.uxp.crypto.chacha.ChaCha20Poly1305VectorTest.NONCE_2_8_2;
import static io.uxp.crypto.chacha.ChaCha20Poly1305VectorTest.PLAINTEXT_2_8_2;
import static io.uxp.crypto.chacha.ChaCha20Poly1305VectorTest.TAG_2_8_2;

import io.uxp.provider.checks.CipherContract;
import io.uxp.provider.checks.CipherVector;
import io.uxp.provider.checks.CipherVectors;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The published provider checks (uxp-provider-checks, docs/SPI.md) pass, as a third party would run them. */
class ChaCha20Poly1305ProviderChecksTest {

    private static final ChaCha20Poly1305Provider PROVIDER = new ChaCha20Poly1305Provider();

    @Test
    void theProviderKeepsTheCipherContract() {
        CipherContract.check(PROVIDER);
    }

    @Test
    void bothImplementationsKeepTheCipherContract() {
        CipherContract.check(new ChaCha20Poly1305Provider(Backend.BOUNCY_CASTLE));
        CipherContract.check(new ChaCha20Poly1305Provider(Backend.JDK));
    }

    @Test
    void theProviderReproducesTheRfc8439Section282VectorThroughTheVectorCheck() {
        byte[] sealedBody = Arrays.copyOf(CIPHERTEXT_2_8_2, CIPHERTEXT_2_8_2.length + TAG_2_8_2.length);
        System.arraycopy(TAG_2_8_2, 0, sealedBody, CIPHERTEXT_2_8_2.length, TAG_2_8_2.length);

        CipherVectors.check(PROVIDER,
                new CipherVector("RFC 8439 2.8.2", KEY_2_8_2, NONCE_2_8_2, AAD_2_8_2, PLAINTEXT_2_8_2, sealedBody));
    }
}
