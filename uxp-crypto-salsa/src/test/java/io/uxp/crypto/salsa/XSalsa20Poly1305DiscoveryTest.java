package io.uxp.crypto.salsa;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.spi.CipherProvider;
import io.uxp.api.spi.ProviderRegistry;
import io.uxp.testkit.ClassPathJvm;
import org.junit.jupiter.api.Test;

/** The provider is found through the SPI on the module path and, via META-INF/services, on the class path. */
class XSalsa20Poly1305DiscoveryTest {

    @Test
    void theRegistryFindsXSalsa20Poly1305InItsModuleOnTheModulePath() {
        assertThat(XSalsa20Poly1305Provider.class.getModule().isNamed()).as("tests run on the module path").isTrue();

        CipherProvider cipher = ProviderRegistry.load().cipher("xsalsa20-poly1305");

        assertThat(cipher).isInstanceOf(XSalsa20Poly1305Provider.class);
        assertThat(ProviderRegistry.origin(cipher)).isEqualTo("io.uxp.crypto.salsa");
        assertThat(cipher.keyBytes()).isEqualTo(32);
        assertThat(cipher.nonceBytes()).isEqualTo(24);
        assertThat(cipher.prefixBytes()).isEqualTo(16);
        assertThat(cipher.suffixBytes()).isZero();
    }

    @Test
    void aJvmWithEverythingOnTheClassPathFindsXSalsa20Poly1305ThroughMetaInfServices() throws Exception {
        assertThat(ClassPathJvm.listProviders()).contains("module named: false")
                .contains("cipher xsalsa20-poly1305 [class path");
    }
}
