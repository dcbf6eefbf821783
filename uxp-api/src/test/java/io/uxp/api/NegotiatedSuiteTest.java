package io.uxp.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.uxp.api.spi.FecParams;
import org.junit.jupiter.api.Test;

class NegotiatedSuiteTest {

    @Test
    void fecParamsArePresentExactlyWhenFecIsOn() {
        assertThat(new NegotiatedSuite("chacha20-poly1305", "reed-solomon", new FecParams(10, 3), "kcp"))
                .hasToString("chacha20-poly1305 / reed-solomon(10,3) / kcp");
        assertThat(new NegotiatedSuite("chacha20-poly1305", NegotiatedSuite.NO_FEC, null, "fixed"))
                .hasToString("chacha20-poly1305 / none / fixed");
        assertThatThrownBy(() -> new NegotiatedSuite("c", "none", new FecParams(1, 1), "kcp"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NegotiatedSuite("c", "reed-solomon", null, "kcp"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
