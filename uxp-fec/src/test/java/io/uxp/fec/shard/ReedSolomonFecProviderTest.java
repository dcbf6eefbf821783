package io.uxp.fec.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.uxp.api.spi.FecParams;
import io.uxp.api.spi.FecProvider;
import io.uxp.api.spi.ProviderRegistry;
import java.util.List;
import io.uxp.testkit.ClassPathJvm;
import org.junit.jupiter.api.Test;

/** The provider is found on both paths, and it refuses what it cannot do with a message that says why. */
class ReedSolomonFecProviderTest {

    @Test
    void theRegistryFindsReedSolomonInItsModuleOnTheModulePath() {
        assertThat(ReedSolomonFecProvider.class.getModule().isNamed()).as("tests run on the module path").isTrue();

        FecProvider fec = ProviderRegistry.load().fec("reed-solomon");

        assertThat(fec).isInstanceOf(ReedSolomonFecProvider.class);
        assertThat(ProviderRegistry.origin(fec)).isEqualTo("io.uxp.fec");
        assertThat(fec.overheadBytes(new FecParams(10, 3))).isEqualTo(8);
    }

    @Test
    void aJvmWithEverythingOnTheClassPathFindsReedSolomonThroughMetaInfServices() throws Exception {
        assertThat(ClassPathJvm.listProviders()).contains("module named: false")
                .contains("FEC reed-solomon [class path");
    }

    @Test
    void kcpGosTenPlusThreeAndGouxpsThreePlusTwoAreAccepted() {
        ReedSolomonFecProvider provider = new ReedSolomonFecProvider();
        for (FecParams params : List.of(new FecParams(10, 3), new FecParams(3, 2))) {
            provider.validate(params);
            assertThat(provider.newEncoder(params, 1400, 24, 16, 10)).isNotNull();
            assertThat(provider.newDecoder(params, 1400, 3000)).isNotNull();
        }
        assertThat(provider.name()).isEqualTo("reed-solomon");
    }

    @Test
    void impossibleSizesAndTimesAreRefusedWithTheValidRange() {
        ReedSolomonFecProvider provider = new ReedSolomonFecProvider();
        FecParams params = new FecParams(3, 2);
        assertThatThrownBy(() -> provider.newEncoder(params, 70_000, 0, 0, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 65535 bytes (the shard length field is 16 bits), got 70000");
        assertThatThrownBy(() -> provider.newDecoder(params, 0, 10)).hasMessageContaining("got 0");
        assertThatThrownBy(() -> provider.newEncoder(params, 1400, -1, 0, 10)).hasMessageContaining("negative");
        assertThatThrownBy(() -> provider.newDecoder(params, 1400, 0)).hasMessageContaining("at least 1 ms");
        assertThatThrownBy(() -> provider.validate(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void anEncoderRefusesPacketsItWasNotSizedForOrWithoutRoomForItsHeader() {
        var encoder = new ReedSolomonFecProvider().newEncoder(new FecParams(3, 2), 100, 0, 0, 10);
        assertThatThrownBy(() -> encoder.encode(new byte[200], 8, 101, 0, (b, o, l) -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes 0 to 100");
        assertThatThrownBy(() -> encoder.encode(new byte[200], 7, 10, 0, (b, o, l) -> { }))
                .hasMessageContaining("no room for the 8-byte FEC header");
    }
}
