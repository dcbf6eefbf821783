package io.uxp.kcp.cc;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.spi.CongestionController;
import org.junit.jupiter.api.Test;

/**
 * The reference's window arithmetic, step by step with mss = 1000. Expected values are worked out by hand from
 * {@code ikcp_input} (growth) and {@code ikcp_flush} (fast retransmit, timeout), as the comments show.
 */
class KcpCongestionControllerTest {

    private final CongestionController cc = new KcpCongestionProvider().newController(1000);

    @Test
    void slowStartThenCongestionAvoidanceGrowAsTheReference() {
        assertThat(cc.congestionWindow()).isEqualTo(1);
        assertThat(cc.slowStartThreshold()).isEqualTo(2);

        cc.onAcknowledged(128, 0); // 1 < ssthresh 2: cwnd 2, incr 1000 + 1000 = 2000
        assertThat(cc.congestionWindow()).isEqualTo(2);
        cc.onAcknowledged(128, 0); // avoidance: incr 2000 + 1e6/2000 + 1000/16 = 2000 + 500 + 62 = 2562 < 3000
        assertThat(cc.congestionWindow()).isEqualTo(2);
        cc.onAcknowledged(128, 0); // incr 2562 + 390 + 62 = 3014 >= 3000: cwnd = ceil(3014 / 1000) = 4
        assertThat(cc.congestionWindow()).isEqualTo(4);
        cc.onAcknowledged(128, 0); // incr 3014 + 331 + 62 = 3407 < 5000
        assertThat(cc.congestionWindow()).isEqualTo(4);
    }

    @Test
    void growthIsClampedToThePeersWindow() {
        cc.onAcknowledged(128, 0); // cwnd 2, incr 2000
        cc.onAcknowledged(128, 0); // cwnd 2, incr 2562
        cc.onAcknowledged(3, 0); // would be 4; clamped to the peer's 3
        assertThat(cc.congestionWindow()).isEqualTo(3);
        cc.onAcknowledged(3, 0); // cwnd already at the peer's window: unchanged
        assertThat(cc.congestionWindow()).isEqualTo(3);
    }

    @Test
    void aFastRetransmitHalvesTheFlightIntoSsthreshAndAddsTheResendThreshold() {
        cc.onFastRetransmit(9, 2, 0); // ssthresh 9 / 2 = 4, cwnd 4 + 2 = 6
        assertThat(cc.slowStartThreshold()).isEqualTo(4);
        assertThat(cc.congestionWindow()).isEqualTo(6);
        cc.onFastRetransmit(3, 2, 0); // 3 / 2 = 1 -> at least 2; cwnd 2 + 2 = 4
        assertThat(cc.slowStartThreshold()).isEqualTo(2);
        assertThat(cc.congestionWindow()).isEqualTo(4);
    }

    @Test
    void aTimeoutHalvesTheWindowInUseIntoSsthreshAndRestartsFromOne() {
        cc.onFastRetransmit(20, 2, 0); // ssthresh 10, cwnd 12
        cc.onTimeout(12, 0); // in use: cwnd 12 -> ssthresh 6, cwnd 1
        assertThat(cc.slowStartThreshold()).isEqualTo(6);
        assertThat(cc.congestionWindow()).isEqualTo(1);

        cc.onFastRetransmit(20, 2, 0); // cwnd 12
        cc.onTimeout(8, 0); // the engine used min(cwnd 12, remote 8, send window) = 8 -> ssthresh 4
        assertThat(cc.slowStartThreshold()).isEqualTo(4);
    }

    @Test
    void fixedImposesNoWindowWhateverHappens() {
        CongestionController fixed = new FixedCongestionProvider().newController(1000);
        fixed.onTimeout(10, 0);
        fixed.onFastRetransmit(10, 2, 0);
        fixed.onAcknowledged(1, 0);
        assertThat(fixed.congestionWindow()).isEqualTo(Integer.MAX_VALUE);
        assertThat(fixed.slowStartThreshold()).isZero();
    }
}
