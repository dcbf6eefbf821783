package io.uxp.kcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.ArqStats;
import io.uxp.api.spi.AckSample;
import io.uxp.api.spi.CongestionController;
import io.uxp.api.spi.LossSample;
import io.uxp.kcp.cc.FixedCongestionProvider;
import io.uxp.testkit.LinkSimulator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retransmission by timeout (with the reference's backoff), fast retransmission, and dead-link detection. */
class KcpRetransmitTest {

    private static final int CONV = 9;

    /** Sends one segment into a black hole, updating every millisecond; returns the times (ms) it went out. */
    private static List<Long> transmissionTimes(KcpConfig config, long untilMillis, EngineProbe p) {
        List<Long> times = new ArrayList<>();
        p.engine.send(new byte[] {42}, 0, 1);
        for (long t = 0; t <= untilMillis; t++) {
            int before = p.out.size();
            p.engine.update(t * 1000);
            if (p.out.size() > before) {
                times.add(t);
            }
        }
        return times;
    }

    @Test
    void withoutNodelayTheTimeoutDoublesAfterTheFirstRetransmission() {
        KcpConfig config = KcpConfig.defaults().withNodelay(false, 10, 0);
        EngineProbe p = new EngineProbe(CONV, config);

        List<Long> times = transmissionTimes(config, 6_300, p);

        // worked by hand from ikcp_flush: flushes every 10 ms; RTO 200 before any sample;
        // first resend due at 0 + 200 + 200/8 = 225 -> flush at 230; then rto += max(rto, 200):
        // 400 -> 630, 800 -> 1430, 1600 -> 3030, 3200 -> 6230
        assertThat(times).containsExactly(0L, 230L, 630L, 1430L, 3030L, 6230L);
        ArqStats stats = p.engine.stats();
        assertThat(stats.timeoutRetransmissions()).isEqualTo(5);
        assertThat(stats.segmentsSent()).isEqualTo(6);
        assertThat(stats.fastRetransmissions()).isZero();
    }

    @Test
    void theDoublingBackoffStopsAtSixtySeconds() {
        // 200 ms doubling reaches 51.2 s after 8 timeouts; the reference would go on to 102.4 s, 204.8 s, ...
        KcpConfig config = KcpConfig.defaults().withNodelay(false, 10, 0);
        EngineProbe p = new EngineProbe(CONV, config);

        List<Long> times = transmissionTimes(config, 400_000, p);

        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            gaps.add(times.get(i) - times.get(i - 1));
        }
        assertThat(gaps.subList(0, 8)).containsExactly(230L, 400L, 800L, 1600L, 3200L, 6400L, 12800L, 25600L);
        assertThat(gaps.get(8)).isEqualTo(51_200L);
        assertThat(gaps.subList(9, gaps.size())).isNotEmpty().allMatch(g -> g == 60_000L);
    }

    @Test
    void withNodelayTheTimeoutGrowsByHalf() {
        KcpConfig config = KcpConfig.defaults().withNodelay(true, 10, 0);
        EngineProbe p = new EngineProbe(CONV, config);

        List<Long> times = transmissionTimes(config, 3_000, p);

        // no rto/8 on the first send: due at 200; then rto += rto / 2: 300 -> 500, 450 -> 950,
        // 675 -> 1625, flushed at 1630; 1012 -> 2642, flushed at 2650
        assertThat(times).containsExactly(0L, 200L, 500L, 950L, 1630L, 2650L);
    }

    @Test
    void withNodelayTwoTheTimeoutGrowsByHalfTheCurrentRto() {
        KcpConfig config = KcpConfig.defaults().withNodelay(2, 10, 0);
        EngineProbe p = new EngineProbe(CONV, config);

        List<Long> times = transmissionTimes(config, 3_000, p);

        // worked by hand from ikcp_flush with nodelay = 2: no rto/8 on the first send, so due at 0 + 200; then
        // rto += rx_rto / 2 with rx_rto still 200 (no sample): 300 -> 500, 400 -> 900, 500 -> 1400, 600 -> 2000,
        // 700 -> 2700; every one on a 10 ms flush
        assertThat(times).containsExactly(0L, 200L, 500L, 900L, 1400L, 2000L, 2700L);
        assertThat(config.minRtoMillis()).isEqualTo(30);
        assertThat(p.engine.stats().timeoutRetransmissions()).isEqualTo(6);
    }

    @Test
    void theLinkIsDeadOnceOneSegmentWasSentDeadLinkThresholdTimes() {
        KcpConfig config = KcpConfig.defaults().withNodelay(false, 10, 0).withDeadLinkThreshold(5);
        EngineProbe p = new EngineProbe(CONV, config);

        transmissionTimes(config, 3_029, p);
        assertThat(p.engine.isDeadLink()).isFalse();
        p.engine.update(3_030_000);
        assertThat(p.engine.isDeadLink()).isTrue();
        assertThat(p.engine.stats().segmentsSent()).isEqualTo(5);
    }

    /** Records the loss reports and otherwise imposes no window. */
    private static final class RecordingController implements CongestionController {
        final List<String> calls = new ArrayList<>();
        private final CongestionController delegate = new FixedCongestionProvider().newController(1000);

        @Override
        public int congestionWindow() {
            return delegate.congestionWindow();
        }

        @Override
        public long pacingRate() {
            return 0;
        }

        @Override
        public int slowStartThreshold() {
            return 0;
        }

        @Override
        public void onSent(long nowMicros, int bytes, boolean retransmission) {
        }

        @Override
        public void onAcknowledged(AckSample ack) {
        }

        @Override
        public void onLost(LossSample loss) {
            calls.add(loss.cause() + " outstanding=" + loss.segmentsOutstanding() + " resend=" + loss.fastResend()
                    + " lost=" + loss.lostSegments() + " at=" + loss.nowMicros());
        }
    }

    @Test
    void aSegmentSkippedByTwoLaterAcknowledgementsIsResentBeforeItsTimeout() {
        KcpConfig config = KcpConfig.defaults().withNodelay(true, 10, 2);
        RecordingController cc = new RecordingController();
        List<byte[]> fromA = new ArrayList<>();
        KcpEngine a = new KcpEngine(CONV, config, cc, (buf, off, len) -> fromA.add(Arrays.copyOfRange(buf, off,
                off + len)));
        EngineProbe b = new EngineProbe(CONV, config);

        for (int i = 0; i < 3; i++) {
            long t = 10_000L * i; // microseconds
            a.send(new byte[] {(byte) i}, 0, 1);
            a.flush(t);
            if (i > 0) {
                // message 0 is lost; 1 and 2 arrive and B acknowledges each in its own datagram
                byte[] d = fromA.get(fromA.size() - 1);
                b.engine.input(d, 0, d.length, t + 1_000);
                b.engine.flush(t + 2_000);
                byte[] ack = b.out.get(b.out.size() - 1);
                a.input(ack, 0, ack.length, t + 3_000);
            }
        }
        fromA.clear();
        a.flush(30_000);

        assertThat(a.stats().fastRetransmissions()).isEqualTo(1);
        assertThat(a.stats().timeoutRetransmissions()).isZero();
        assertThat(cc.calls).containsExactly("DUPLICATE_ACKS outstanding=3 resend=2 lost=1 at=30000");
        assertThat(fromA).hasSize(1);
        byte[] resent = fromA.get(0);
        assertThat(SegmentCodec.sn(resent, 0)).isZero();
        b.engine.input(resent, 0, resent.length, 31_000);
        byte[] dst = new byte[8];
        for (int i = 0; i < 3; i++) {
            assertThat(b.engine.receive(dst, 0, 8)).isEqualTo(1);
            assertThat(dst[0]).isEqualTo((byte) i);
        }
    }

    @Test
    void underLossTheStatsCountBothKindsOfRetransmission() {
        KcpConfig config = KcpConfig.defaults().withNodelay(true, 10, 2).withWindows(64, 128);
        // no congestion control: with the reference's, 20% loss keeps cwnd near 1 and nothing is in flight to skip
        KcpLink link = new KcpLink(LinkSimulator.builder().seed(11).loss(0.2).delay(10, 30).build(), config, false,
                0);
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            messages.add(new byte[500]);
        }

        assertThat(link.run(messages, 128, () -> link.received.size() == 300 && link.a.waitingToSend() == 0,
                600_000, 200_000)).isTrue();

        ArqStats stats = link.a.stats();
        assertThat(stats.fastRetransmissions()).as("%s", stats).isPositive();
        assertThat(stats.timeoutRetransmissions()).isPositive();
        assertThat(stats.segmentsSent()).isGreaterThan(300 + stats.retransmissions() - 1);
        assertThat(stats.srttMillis()).isBetween(20, 200);
        assertThat(stats.sendQueue() + stats.sendBuffer()).isZero();
    }
}
