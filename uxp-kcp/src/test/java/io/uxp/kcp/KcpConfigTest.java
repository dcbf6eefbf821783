package io.uxp.kcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KcpConfigTest {

    @Test
    void defaultsAreTheReferenceKcpDefaults() {
        KcpConfig d = KcpConfig.defaults();
        // ikcp_create: mtu 1400, snd_wnd 32, rcv_wnd 128, interval 100, nodelay 0, fastresend 0, fastlimit 5,
        // stream 0, dead_link 20, rx_minrto 100
        assertThat(d).isEqualTo(new KcpConfig(1400, 32, 128, 0, 100, 0, 5, false, 20, 100, 0, 0, false, 0));
        assertThat(d.mssBytes()).isEqualTo(1376);
    }

    @Test
    void nodelaySetsTheMatchingMinimumRto() {
        assertThat(KcpConfig.defaults().withNodelay(true, 10, 2))
                .extracting(KcpConfig::nodelay, KcpConfig::intervalMillis, KcpConfig::fastResend,
                        KcpConfig::minRtoMillis)
                .containsExactly(true, 10, 2, 30);
        assertThat(KcpConfig.defaults().withNodelay(false, 40, 0).minRtoMillis()).isEqualTo(100);
    }

    @Test
    void theReferenceNodelayCallMapsNcOneToTheFixedProvider() {
        KcpProfile fast = KcpProfile.reference(KcpConfig.defaults().withWindows(256, 256), 1, 10, 2, 1);
        assertThat(fast.congestionControl()).isEqualTo("fixed");
        assertThat(fast.config().sendWindow()).isEqualTo(256);
        assertThat(fast.config().minRtoMillis()).isEqualTo(30);
        assertThat(KcpProfile.reference(KcpConfig.defaults(), 0, 40, 0, 0).congestionControl()).isEqualTo("kcp");
        assertThat(KcpProfile.fast().config()).extracting(KcpConfig::nodelay, KcpConfig::intervalMillis,
                KcpConfig::fastResend).containsExactly(true, 10, 2);
        assertThat(KcpProfile.fast().congestionControl()).isEqualTo("fixed");
        assertThat(KcpProfile.normal().config().intervalMillis()).isEqualTo(40);
    }

    @Test
    void nodelayLevelsMapAsTheReferenceAndModernModeIsOffByDefault() {
        KcpConfig two = KcpConfig.defaults().withNodelay(2, 10, 2);
        assertThat(two).extracting(KcpConfig::nodelayMode, KcpConfig::nodelay, KcpConfig::minRtoMillis)
                .containsExactly(2, true, 30);
        assertThat(KcpConfig.defaults().withNodelay(true, 10, 2).nodelayMode()).isEqualTo(1);
        assertThat(KcpProfile.reference(KcpConfig.defaults(), 2, 10, 2, 1).config().nodelayMode()).isEqualTo(2);
        assertThat(KcpProfile.reference(KcpConfig.defaults(), 7, 10, 2, 1).config().nodelayMode()).isEqualTo(2);
        assertThat(KcpConfig.defaults().timeLossDetection()).isFalse();
        assertThat(KcpConfig.defaults().reorderWindowMinMillis()).isZero();
        KcpConfig modern = KcpConfig.defaults().withTimeLossDetection(true).withReorderWindowMinMillis(15)
                .withNodelay(1, 10, 0);
        assertThat(modern).extracting(KcpConfig::timeLossDetection, KcpConfig::reorderWindowMinMillis)
                .containsExactly(true, 15);
        assertThatThrownBy(() -> KcpConfig.defaults().withNodelay(3, 10, 0)).hasMessageContaining("nodelayMode");
        assertThatThrownBy(() -> KcpConfig.defaults().withReorderWindowMinMillis(-1))
                .hasMessageContaining("reorderWindowMinMillis");
    }

    @Test
    void outOfRangeValuesAreRefusedNamingFieldRangeAndValue() {
        assertThatThrownBy(() -> KcpConfig.defaults().withMtuBytes(49))
                .hasMessage("mtuBytes must be in [50, 65507], got 49");
        assertThatThrownBy(() -> KcpConfig.defaults().withWindows(0, 128)).hasMessageContaining("sendWindow");
        assertThatThrownBy(() -> KcpConfig.defaults().withWindows(32, 65536)).hasMessageContaining("receiveWindow");
        assertThatThrownBy(() -> KcpConfig.defaults().withNodelay(true, 0, 0)).hasMessageContaining("intervalMillis");
        assertThatThrownBy(() -> KcpConfig.defaults().withNodelay(true, 5001, 0))
                .hasMessageContaining("intervalMillis");
        assertThatThrownBy(() -> KcpConfig.defaults().withNodelay(true, 10, -1)).hasMessageContaining("fastResend");
        assertThatThrownBy(() -> KcpConfig.defaults().withDeadLinkThreshold(0))
                .hasMessageContaining("deadLinkThreshold");
        assertThatThrownBy(() -> KcpConfig.defaults().withReservedBytes(-1, 0)).hasMessageContaining("headroom");
        assertThatThrownBy(() -> KcpConfig.defaults().withMinRtoMillis(0)).hasMessageContaining("minRtoMillis");
    }

    @Test
    void theSmallestMtuStillCarriesPayload() {
        assertThat(KcpConfig.defaults().withMtuBytes(50).mssBytes()).isEqualTo(26);
    }
}
