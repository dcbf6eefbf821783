package io.uxp.crypto.chacha;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.spi.CipherProvider;
import io.uxp.api.spi.ProviderRegistry;
import io.uxp.testkit.ClassPathJvm;
import org.junit.jupiter.api.Test;

/** The provider is found through the SPI on the module path and, via META-INF/services, on the class path. */
class ChaCha20Poly1305DiscoveryTest {

    @Test
    void theRegistryFindsChaCha20Poly1305InItsModuleOnTheModulePath() {
        assertThat(ChaCha20Poly1305Provider.class.getModule().isNamed()).as("tests run on the module path").isTrue();

        CipherProvider cipher = ProviderRegistry.load().cipher("chacha20-poly1305");

        assertThat(cipher).isInstanceOf(ChaCha20Poly1305Provider.class);
        assertThat(ProviderRegistry.origin(cipher)).isEqualTo("io.uxp.crypto.chacha");
        assertThat(cipher.keyBytes()).isEqualTo(32);
        assertThat(cipher.nonceBytes()).isEqualTo(12);
        assertThat(cipher.prefixBytes()).isZero();
        assertThat(cipher.suffixBytes()).isEqualTo(16);
    }

    @Test
    void aJvmWithEverythingOnTheClassPathFindsChaCha20Poly1305ThroughMetaInfServices() throws Exception {
        assertThat(ClassPathJvm.listProviders()).contains("module named: false")
                .contains("cipher chacha20-poly1305 [class path");
    }
}
