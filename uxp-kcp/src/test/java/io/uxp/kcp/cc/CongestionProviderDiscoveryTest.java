package io.uxp.kcp.cc;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.spi.CongestionControlProvider;
import io.uxp.api.spi.ProviderKind;
import io.uxp.api.spi.ProviderRegistry;
import io.uxp.testkit.ClassPathJvm;
import org.junit.jupiter.api.Test;

/** Both congestion-control providers are found by the registry, on the module path and on the class path. */
class CongestionProviderDiscoveryTest {

    @Test
    void theRegistryFindsKcpAndFixedOnTheModulePath() {
        assertThat(getClass().getModule().getName()).isEqualTo("io.uxp.kcp");
        ProviderRegistry registry = ProviderRegistry.load();

        assertThat(registry.names(ProviderKind.CONGESTION_CONTROL)).contains("kcp", "fixed");
        CongestionControlProvider kcp = registry.congestionControl("kcp");
        assertThat(ProviderRegistry.origin(kcp)).isEqualTo("io.uxp.kcp");
        assertThat(kcp.newController(1376).congestionWindow()).isEqualTo(1);
        assertThat(registry.congestionControl("fixed").newController(1376).congestionWindow())
                .isEqualTo(Integer.MAX_VALUE);
        assertThat(registry.conflicts()).isEmpty();
    }

    @Test
    void theRegistryFindsKcpAndFixedOnTheClassPath() throws Exception {
        assertThat(ClassPathJvm.listProviders()).contains("module named: false")
                .containsPattern("congestion control kcp \\[class path \\(.*uxp-kcp.*\\)\\]")
                .containsPattern("congestion control fixed \\[class path \\(.*uxp-kcp.*\\)\\]");
    }
}
