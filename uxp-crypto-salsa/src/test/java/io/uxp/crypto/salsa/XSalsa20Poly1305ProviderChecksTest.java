package io.uxp.crypto.salsa;

import static io.uxp.crypto.salsa.XSalsa20Poly1305VectorTest.FIRST_KEY;
import static io.uxp.crypto.salsa.XSalsa20Poly1305VectorTest.NACL_BOX;
import static io.uxp.crypto.salsa.XSalsa20Poly1305VectorTest.NACL_MESSAGE;
import static io.uxp.crypto.salsa.XSalsa20Poly1305VectorTest.NACL_NONCE;

import io.uxp.provider.checks.CipherContract;
import io.uxp.provider.checks.CipherVector;
import io.uxp.provider.checks.CipherVectors;
import org.junit.jupiter.api.Test;

/** The published provider checks (uxp-provider-checks, docs/SPI.md) pass, as a third party would run them. */
class XSalsa20Poly1305ProviderChecksTest {

    private static final XSalsa20Poly1305Provider PROVIDER = new XSalsa20Poly1305Provider();

    @Test
    void theProviderKeepsTheCipherContract() {
        CipherContract.check(PROVIDER);
    }

    @Test
    void theProviderReproducesNaClsSecretboxVectorThroughTheVectorCheck() {
        // without associated data a sealed body is crypto_secretbox's output, tag first
        CipherVectors.check(PROVIDER,
                new CipherVector("NaCl tests/secretbox.c", FIRST_KEY, NACL_NONCE, new byte[0], NACL_MESSAGE, NACL_BOX));
    }
}
