package com.example.uxp.aesgcm;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.spi.CipherProvider;
import io.uxp.api.spi.ProviderRegistry;
import io.uxp.provider.checks.CipherContract;
import org.junit.jupiter.api.Test;

/**
 * The checks UXP publishes for third-party ciphers (uxp-provider-checks) pass, and UXP's registry finds the plugin
 * by its wire name in its own module.
 */
class AesGcmProviderChecksTest {

    @Test
    void theProviderKeepsTheInPlaceCipherContract() {
        CipherContract.check(new AesGcmCipherProvider());
    }

    @Test
    void theProviderKeepsTheContractUnderAnotherSeedToo() {
        CipherContract.check(new AesGcmCipherProvider(), 20261202L);
    }

    @Test
    void uxpsRegistryFindsAes256GcmInTheExampleModuleOnTheModulePath() {
        assertThat(AesGcmCipherProvider.class.getModule().getName()).isEqualTo("com.example.uxp.aesgcm");

        ProviderRegistry registry = ProviderRegistry.load();
        CipherProvider cipher = registry.cipher(AesGcmCipherProvider.NAME);

        assertThat(cipher).isInstanceOf(AesGcmCipherProvider.class);
        assertThat(ProviderRegistry.origin(cipher)).isEqualTo("com.example.uxp.aesgcm");
        assertThat(registry.refused()).isEmpty();
        assertThat(cipher.overheadBytes()).isEqualTo(16);
    }
}
