package io.uxp.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class FecParamsTest {

    @Property
    void everyCountWithinTheFieldIsAccepted(@ForAll @IntRange(min = 1, max = 255) int data,
            @ForAll @IntRange(min = 0, max = 254) int parity) {
        if (data + parity <= FecParams.MAX_TOTAL_SHARDS) {
            assertThat(new FecParams(data, parity).totalShards()).isEqualTo(data + parity);
        } else {
            assertThatThrownBy(() -> new FecParams(data, parity))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 255");
        }
    }

    @Test
    void zeroDataShardsOrNegativeParityAreRefusedWithTheValue() {
        assertThatThrownBy(() -> new FecParams(0, 3)).hasMessageContaining("at least 1, got 0");
        assertThatThrownBy(() -> new FecParams(10, -1)).hasMessageContaining("at least 0, got -1");
    }
}
