package io.uxp.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.uxp.api.ProviderNotFoundException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderRegistryTest {

    /** A congestion control that only has a name: enough to be indexed. */
    private record NamedCongestion(String name) implements CongestionControlProvider {
        @Override
        public CongestionController newController(int mssBytes) {
            throw new UnsupportedOperationException("not used by these tests");
        }
    }

    @Test
    void absentBuiltInNameNamesTheModuleToAddAndWhatIsPresent() {
        ProviderRegistry registry = ProviderRegistry.of(List.of(), List.of(), List.of(new NamedCongestion("fixed")));

        assertThatThrownBy(() -> registry.cipher("chacha20-poly1305"))
                .isInstanceOf(ProviderNotFoundException.class)
                .hasMessageContaining("no cipher provider 'chacha20-poly1305'")
                .hasMessageContaining("present: []")
                .hasMessageContaining("io.uxp:uxp-crypto-chacha");
        assertThatThrownBy(() -> registry.congestionControl("kcp"))
                .hasMessageContaining("present: [fixed]")
                .hasMessageContaining("io.uxp:uxp-kcp");
    }

    @Test
    void absentThirdPartyNameGetsAGeneralHint() {
        ProviderRegistry registry = ProviderRegistry.of(List.of(), List.of(), List.of());

        assertThatThrownBy(() -> registry.fec("fountain"))
                .hasMessageContaining("add the module that provides FEC 'fountain'");
    }

    @Test
    void firstProviderOfADuplicatedNameWinsAndTheConflictIsReported() {
        NamedCongestion first = new NamedCongestion("kcp");
        NamedCongestion second = new NamedCongestion("kcp");
        ProviderRegistry registry = ProviderRegistry.of(List.of(), List.of(), List.of(first, second));

        assertThat(registry.congestionControl("kcp")).isSameAs(first);
        assertThat(registry.congestionControls()).containsExactly(first);
        assertThat(registry.conflicts()).singleElement().asString()
                .contains("congestion control 'kcp' is provided by");
    }

    @Test
    void namesAreListedInDiscoveryOrderPerKind() {
        ProviderRegistry registry = ProviderRegistry.of(List.of(), List.of(),
                List.of(new NamedCongestion("kcp"), new NamedCongestion("fixed")));

        assertThat(registry.names(ProviderKind.CONGESTION_CONTROL)).containsExactly("kcp", "fixed");
        assertThat(registry.has(ProviderKind.CONGESTION_CONTROL, "fixed")).isTrue();
        assertThat(registry.has(ProviderKind.CIPHER, "fixed")).isFalse();
        assertThat(registry.toString()).contains("congestion control fixed [io.uxp.api]");
    }
}
