package io.uxp.kcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.ArqStats;
import io.uxp.api.spi.LossSample.Cause;
import io.uxp.kcp.cc.FixedCongestionProvider;
import io.uxp.testkit.LinkSimulator;
import io.uxp.testkit.LinkSimulator.Side;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Time-based loss detection (modern mode, {@code timeLossDetection}), in the manner of RACK (RFC 8985): a segment
 * is lost once one sent after it was delivered and its own send time plus RACK's RTT plus the reordering window
 * passed; {@code check()} says when that is.
 */
class KcpRackTest {

    private static final int MSS = KcpConfig.DEFAULT_MTU_BYTES - SegmentCodec.HEADER_BYTES;

    private static List<byte[]> messages(int n) {
        List<byte[]> m = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            m.add(new byte[MSS]);
        }
        return m;
    }

    @Test
    void segmentsSentBeforeADeliveredOneAreLostAfterRttPlusAQuarterOfTheMinimumRtt() {
        PacedController cc = new PacedController(0, Integer.MAX_VALUE);
        cc.recording = true;
        KcpConfig config = KcpConfig.defaults().withTimeLossDetection(true);
        List<byte[]> out = new ArrayList<>();
        KcpEngine a = new KcpEngine(1, config, cc, (buf, off, len) -> out.add(buf.clone()));
        for (int i = 0; i < 3; i++) {
            a.send(new byte[] {(byte) i}, 0, 1);
        }
        a.update(0); // sn 0, 1, 2 leave at 0; next flush at 100 ms
        byte[] ack = EngineProbe.segment(1, SegmentCodec.CMD_ACK, 0, 128, 0, 2, 0, new byte[0]);
        a.input(ack, 0, ack.length, 50_000);

        // RACK: sn 2 delivered, RTT 50 ms; min RTT 50 ms, srtt 50 ms: reordering window min(50 / 4, 50) = 12.5 ms;
        // sn 0 and 1 were sent no later (same time, lower sn): lost at 0 + 50 + 12.5 ms
        assertThat(a.check(50_000)).isEqualTo(62_500);
        out.clear();
        a.update(62_499);
        assertThat(out).isEmpty();
        a.update(62_500);

        assertThat(cc.losses).hasSize(1);
        assertThat(cc.losses.get(0)).isEqualTo("LossSample[TIME_THRESHOLD now=62500us lost=2/50 newestSent=0us "
                + "inFlight=50 outstanding=3 window=32 fastResend=0]");
        assertThat(out).hasSize(1);
        assertThat(SegmentCodec.sn(out.get(0), 0)).isEqualTo(0);
        assertThat(SegmentCodec.sn(out.get(0), 25)).isEqualTo(1);
        assertThat(a.stats().fastRetransmissions()).isEqualTo(2);
    }

    @Test
    void onALossyLinkWithoutReorderingEachLostSegmentIsRetransmittedAboutOnce() {
        for (long seed = 1; seed <= 4; seed++) {
            KcpConfig config = KcpConfig.defaults().withNodelay(1, 5, 0).withWindows(128, 128)
                    .withTimeLossDetection(true);
            LinkSimulator sim = LinkSimulator.builder().seed(seed).loss(Side.A, 0.05).delay(20, 20).build();
            KcpLink link = new KcpLink(sim, config, new FixedCongestionProvider().newController(config.mssBytes()),
                    new FixedCongestionProvider().newController(config.mssBytes()), 1_000, 0);

            assertThat(link.run(messages(1000), 256, () -> link.received.size() == 1000, 600_000, 1_000_000))
                    .isTrue();

            ArqStats stats = link.a.stats();
            long lost = sim.lost(); // only A's datagrams, one data segment each
            System.out.printf("seed %d: lost %d, retransmitted %d (%d by RACK, %d by timeout)%n", seed, lost,
                    stats.retransmissions(), stats.fastRetransmissions(), stats.timeoutRetransmissions());
            assertThat(lost).isPositive();
            assertThat(stats.retransmissions()).as("seed %d: %s", seed, stats).isGreaterThanOrEqualTo(lost)
                    .isLessThanOrEqualTo((long) Math.ceil(1.05 * lost));
            assertThat(stats.fastRetransmissions()).as("most found by time; the timeout finds tail losses")
                    .isGreaterThan(3 * stats.timeoutRetransmissions());
        }
    }

    @Test
    void reorderingWithinTheWindowCausesNoRetransmission() {
        // 40 ms each way, min RTT about 80 ms: the reordering window is 20 ms; datagrams held back up to 8 ms, plus
        // up to 5 ms until the receiver's next flush acknowledges them
        KcpConfig config = KcpConfig.defaults().withNodelay(1, 5, 0).withWindows(128, 128)
                .withTimeLossDetection(true);
        for (long seed = 1; seed <= 3; seed++) {
            LinkSimulator sim = LinkSimulator.builder().seed(seed).delay(40, 40).reorder(0.2, 8).build();
            KcpLink link = new KcpLink(sim, config, new PacedController(2_000_000, Integer.MAX_VALUE),
                    new FixedCongestionProvider().newController(config.mssBytes()), 1_000, 0);

            assertThat(link.run(messages(500), 256, () -> link.received.size() == 500, 600_000, 1_000_000))
                    .isTrue();

            assertThat(sim.reordered()).isPositive();
            assertThat(link.a.stats().retransmissions()).as("seed %d", seed).isZero();
            // the simulator counts whole milliseconds: a segment sent at 10.9 ms enters it at 10 ms
            assertThat(link.a.minRttMicros()).isBetween(79_000L, 86_000L);
        }
    }

    @Test
    void reorderingBeyondTheWindowIsTakenForLossUnlessTheFloorCoversIt() {
        KcpConfig config = KcpConfig.defaults().withNodelay(1, 5, 0).withWindows(128, 128)
                .withTimeLossDetection(true);
        long[] retransmissions = new long[2];
        for (int floored = 0; floored < 2; floored++) {
            LinkSimulator sim = LinkSimulator.builder().seed(9).delay(40, 40).reorder(0.2, 30).build();
            KcpLink link = new KcpLink(sim, config.withReorderWindowMinMillis(floored * 50),
                    new PacedController(1_000_000, Integer.MAX_VALUE),
                    new FixedCongestionProvider().newController(config.mssBytes()), 1_000, 0);
            assertThat(link.run(messages(500), 256, () -> link.received.size() == 500, 600_000, 1_000_000))
                    .isTrue();
            retransmissions[floored] = link.a.stats().retransmissions();
        }
        // held up to 30 ms, beyond a 20 ms window: spurious retransmissions; a 50 ms floor (under srtt) covers it
        assertThat(retransmissions[0]).isPositive();
        assertThat(retransmissions[1]).isZero();
    }

    /** Sends sn 0..2 at 0, then two ACK datagrams at 1 ms, flushes; returns the losses by cause. */
    private static int[] lossesAfterAnAckOfSn2(boolean timeLossDetection) {
        PacedController cc = new PacedController(0, Integer.MAX_VALUE);
        KcpConfig config = KcpConfig.defaults().withNodelay(1, 10, 1).withTimeLossDetection(timeLossDetection)
                .withReorderWindowMinMillis(300);
        KcpEngine a = new KcpEngine(1, config, cc, (buf, off, len) -> { });
        for (int i = 0; i < 3; i++) {
            a.send(new byte[] {(byte) i}, 0, 1);
        }
        a.update(0);
        // an ACK of nothing in flight whose old echo raises srtt to 501 ms, so the 300 ms floor is not cut down
        byte[] slow = EngineProbe.segment(1, SegmentCodec.CMD_ACK, 0, 128, -500, 999, 0, new byte[0]);
        a.input(slow, 0, slow.length, 1_000);
        byte[] ack = EngineProbe.segment(1, SegmentCodec.CMD_ACK, 0, 128, 0, 2, 0, new byte[0]);
        a.input(ack, 0, ack.length, 1_000);
        a.flush(1_000);
        return cc.lossesByCause;
    }

    @Test
    void withTimeLossDetectionDuplicateAcknowledgementsTriggerNothing() {
        // reference mode, fastResend 1: sn 2 acknowledged skips sn 0 and 1 once each, so both are resent at once
        assertThat(lossesAfterAnAckOfSn2(false)).containsExactly(2, 0, 0);
        // modern mode: no duplicate-ack rule; RACK waits 1 ms + the 300 ms reordering window
        assertThat(lossesAfterAnAckOfSn2(true)).containsExactly(0, 0, 0);
    }
}
