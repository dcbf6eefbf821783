package io.uxp.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The reference KCP's three nodelay levels can be chosen; anything else is refused with the valid values named. */
class ConnectionSettingsNodelayTest {

    @Test
    void theDefaultIsLevelOneAndLevelsZeroToTwoAreAccepted() {
        assertThat(ConnectionSettings.defaults().nodelay()).isEqualTo(1);
        assertThat(ConnectionSettings.defaults().withNodelay(2, 2).nodelay()).isEqualTo(2);
        assertThat(ConnectionSettings.defaults().withNodelay(false, 0).nodelay()).isZero();
        assertThat(ConnectionSettings.defaults().withNodelay(true, 0).nodelay()).isEqualTo(1);
    }

    @Test
    void aLevelOutsideZeroToTwoIsRefused() {
        assertThatThrownBy(() -> ConnectionSettings.defaults().withNodelay(3, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0, 1 or 2");
    }
}
