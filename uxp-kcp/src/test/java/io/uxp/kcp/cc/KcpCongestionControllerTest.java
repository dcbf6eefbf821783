package io.uxp.kcp.cc;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.spi.AckSample;
import io.uxp.api.spi.CongestionController;
import io.uxp.api.spi.LossSample;
import io.uxp.api.spi.LossSample.Cause;
import io.uxp.testkit.MutableAckSample;
import io.uxp.testkit.MutableLossSample;
import org.junit.jupiter.api.Test;

/**
 * The reference's window arithmetic, step by step with mss = 1000. Expected values are worked out by hand from
 * {@code ikcp_input} (growth) and {@code ikcp_flush} (fast retransmit, timeout), as the comments show.
 */
class KcpCongestionControllerTest {

    private final CongestionController cc = new KcpCongestionProvider().newController(1000);

    /** An acknowledgement from a peer advertising {@code remoteWindow}; {@code advanced}: whether una moved. */
    private static AckSample ack(int remoteWindow, boolean advanced) {
        MutableAckSample a = new MutableAckSample();
        a.ackedBytes = 1024;
        a.remoteWindow = remoteWindow;
        a.cumulativeAdvanced = advanced;
        return a;
    }

    /** An acknowledgement that advanced una, from a peer advertising {@code remoteWindow}. */
    private static AckSample ack(int remoteWindow) {
        return ack(remoteWindow, true);
    }

    private static LossSample loss(Cause cause, int segmentsOutstanding, int windowInUse, int fastResend) {
        MutableLossSample l = new MutableLossSample();
        l.cause = cause;
        l.lostSegments = 1;
        l.lostBytes = 1024;
        l.segmentsOutstanding = segmentsOutstanding;
        l.windowInUse = windowInUse;
        l.fastResend = fastResend;
        return l;
    }

    /** The reference's fast retransmit with {@code snd_nxt - snd_una = outstanding} and trigger {@code resend}. */
    private static LossSample fastRetransmit(int outstanding, int resend) {
        return loss(Cause.DUPLICATE_ACKS, outstanding, 0, resend);
    }

    private static LossSample timeout(int windowInUse) {
        return loss(Cause.TIMEOUT, 0, windowInUse, 0);
    }

    @Test
    void slowStartThenCongestionAvoidanceGrowAsTheReference() {
        assertThat(cc.congestionWindow()).isEqualTo(1);
        assertThat(cc.slowStartThreshold()).isEqualTo(2);

        cc.onAcknowledged(ack(128)); // 1 < ssthresh 2: cwnd 2, incr 1000 + 1000 = 2000
        assertThat(cc.congestionWindow()).isEqualTo(2);
        cc.onAcknowledged(ack(128)); // avoidance: incr 2000 + 1e6/2000 + 1000/16 = 2000 + 500 + 62 = 2562 < 3000
        assertThat(cc.congestionWindow()).isEqualTo(2);
        cc.onAcknowledged(ack(128)); // incr 2562 + 390 + 62 = 3014 >= 3000: cwnd = ceil(3014 / 1000) = 4
        assertThat(cc.congestionWindow()).isEqualTo(4);
        cc.onAcknowledged(ack(128)); // incr 3014 + 331 + 62 = 3407 < 5000
        assertThat(cc.congestionWindow()).isEqualTo(4);
    }

    @Test
    void onlyAcknowledgementsThatAdvanceUnaGrowTheWindow() {
        cc.onAcknowledged(ack(128, false)); // a selective ACK alone: the reference grows only when una moves
        assertThat(cc.congestionWindow()).isEqualTo(1);
        cc.onAcknowledged(ack(128));
        assertThat(cc.congestionWindow()).isEqualTo(2);
        assertThat(cc.pacingRate()).isZero();
    }

    @Test
    void growthIsClampedToThePeersWindow() {
        cc.onAcknowledged(ack(128)); // cwnd 2, incr 2000
        cc.onAcknowledged(ack(128)); // cwnd 2, incr 2562
        cc.onAcknowledged(ack(3)); // would be 4; clamped to the peer's 3
        assertThat(cc.congestionWindow()).isEqualTo(3);
        cc.onAcknowledged(ack(3)); // cwnd already at the peer's window: unchanged
        assertThat(cc.congestionWindow()).isEqualTo(3);
    }

    @Test
    void aFastRetransmitHalvesTheFlightIntoSsthreshAndAddsTheResendThreshold() {
        cc.onLost(fastRetransmit(9, 2)); // ssthresh 9 / 2 = 4, cwnd 4 + 2 = 6
        assertThat(cc.slowStartThreshold()).isEqualTo(4);
        assertThat(cc.congestionWindow()).isEqualTo(6);
        cc.onLost(fastRetransmit(3, 2)); // 3 / 2 = 1 -> at least 2; cwnd 2 + 2 = 4
        assertThat(cc.slowStartThreshold()).isEqualTo(2);
        assertThat(cc.congestionWindow()).isEqualTo(4);
    }

    @Test
    void aTimeThresholdLossActsAsAFastRetransmit() {
        cc.onLost(loss(Cause.TIME_THRESHOLD, 9, 0, 0)); // ssthresh 4, cwnd 4 + 0 (no dup-ack trigger with RACK)
        assertThat(cc.slowStartThreshold()).isEqualTo(4);
        assertThat(cc.congestionWindow()).isEqualTo(4);
    }

    @Test
    void aTimeoutHalvesTheWindowInUseIntoSsthreshAndRestartsFromOne() {
        cc.onLost(fastRetransmit(20, 2)); // ssthresh 10, cwnd 12
        cc.onLost(timeout(12)); // in use: cwnd 12 -> ssthresh 6, cwnd 1
        assertThat(cc.slowStartThreshold()).isEqualTo(6);
        assertThat(cc.congestionWindow()).isEqualTo(1);

        cc.onLost(fastRetransmit(20, 2)); // cwnd 12
        cc.onLost(timeout(8)); // the engine used min(cwnd 12, remote 8, send window) = 8 -> ssthresh 4
        assertThat(cc.slowStartThreshold()).isEqualTo(4);
    }

    @Test
    void fixedImposesNoWindowWhateverHappens() {
        CongestionController fixed = new FixedCongestionProvider().newController(1000);
        fixed.onLost(timeout(10));
        fixed.onLost(fastRetransmit(10, 2));
        fixed.onAcknowledged(ack(1));
        fixed.onSent(0, 1024, true);
        assertThat(fixed.congestionWindow()).isEqualTo(Integer.MAX_VALUE);
        assertThat(fixed.slowStartThreshold()).isZero();
        assertThat(fixed.pacingRate()).isZero();
    }
}
