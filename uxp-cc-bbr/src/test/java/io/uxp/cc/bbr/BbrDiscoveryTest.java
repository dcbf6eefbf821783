package io.uxp.cc.bbr;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.spi.CongestionControlProvider;
import io.uxp.api.spi.ProviderKind;
import io.uxp.api.spi.ProviderRegistry;
import io.uxp.testkit.ClassPathJvm;
import org.junit.jupiter.api.Test;

/** The registry finds {@code bbr} by its wire name, on the module path and on the class path. */
class BbrDiscoveryTest {

    @Test
    void theRegistryFindsBbrOnTheModulePath() {
        assertThat(getClass().getModule().getName()).isEqualTo("io.uxp.cc.bbr");
        ProviderRegistry registry = ProviderRegistry.load();

        assertThat(registry.names(ProviderKind.CONGESTION_CONTROL)).contains(BbrCongestionProvider.NAME);
        CongestionControlProvider bbr = registry.congestionControl("bbr");
        assertThat(ProviderRegistry.origin(bbr)).isEqualTo("io.uxp.cc.bbr");
        assertThat(bbr.newController(1376).congestionWindow()).isEqualTo(BbrParameters.INITIAL_CWND_SEGMENTS);
        assertThat(registry.conflicts()).isEmpty();
    }

    @Test
    void theRegistryFindsBbrOnTheClassPath() throws Exception {
        assertThat(ClassPathJvm.listProviders()).contains("module named: false")
                .containsPattern("congestion control bbr \\[class path \\(.*uxp-cc-bbr.*\\)\\]");
    }
}
