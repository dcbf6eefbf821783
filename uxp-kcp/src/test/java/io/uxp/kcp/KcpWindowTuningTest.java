package io.uxp.kcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.spi.AckSample;
import io.uxp.api.spi.CongestionController;
import io.uxp.api.spi.LossSample;
import io.uxp.testkit.LinkSimulator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Modern mode's windows sized by the path: the advertised receive window starts small, grows ahead of what the
 * peer sends, reaches the peer at once and shrinks again after the transfer, giving its memory back; the
 * back-pressure limit follows the congestion window. Reference mode keeps the reference's fixed windows.
 */
class KcpWindowTuningTest {

    private static final int WINDOW = 8192;
    private static final KcpConfig MODERN = KcpConfig.defaults().withWindows(WINDOW, WINDOW)
            .withNodelay(true, 10, 2).withTimeLossDetection(true);

    /** Slow start without pacing: the window grows by a segment per segment acknowledged, up to a cap. */
    private static final class SlowStart implements CongestionController {
        final int cap;
        long window = 32;

        SlowStart(int cap) {
            this.cap = cap;
        }

        @Override
        public int congestionWindow() {
            return (int) Math.min(window, cap);
        }

        @Override
        public int slowStartThreshold() {
            return 0;
        }

        @Override
        public long pacingRate() {
            return 0;
        }

        @Override
        public void onSent(long nowMicros, int bytes, boolean retransmission) {
        }

        @Override
        public void onAcknowledged(AckSample ack) {
            window += (ack.ackedBytes() + 1399) / 1400;
        }

        @Override
        public void onLost(LossSample loss) {
        }
    }

    @Test
    void theTunerDoublesPastAQuarterInUseAndHalvesAfterAnEpochBelowAnEighth() {
        ReceiveWindowTuner t = new ReceiveWindowTuner(WINDOW);
        assertThat(t.limit()).isEqualTo(ReceiveWindowTuner.INITIAL_SEGMENTS);
        assertThat(t.onSpan(128)).isFalse();
        assertThat(t.onSpan(129)).isTrue();
        assertThat(t.limit()).isEqualTo(1024);
        for (int span = 600; span <= WINDOW; span += 100) {
            t.onSpan(span);
        }
        assertThat(t.limit()).isEqualTo(WINDOW); // never above the configured window
        t.onTime(0);
        assertThat(t.onTime(ReceiveWindowTuner.EPOCH_MICROS)).isFalse(); // the epoch saw a full window in use
        t.onSpan(WINDOW / 8 - 1);
        assertThat(t.onTime(2 * ReceiveWindowTuner.EPOCH_MICROS - 1)).isFalse(); // epoch not over yet
        assertThat(t.onTime(2 * ReceiveWindowTuner.EPOCH_MICROS)).isTrue();
        assertThat(t.limit()).isEqualTo(WINDOW / 2);
        for (int epoch = 3; epoch < 20; epoch++) {
            t.onTime(epoch * ReceiveWindowTuner.EPOCH_MICROS);
        }
        assertThat(t.limit()).isEqualTo(ReceiveWindowTuner.INITIAL_SEGMENTS); // never below the start
    }

    @Test
    void onALongPathTheAdvertisedWindowStaysAheadOfTheSenderAndComesBackAfterwards() {
        int cap = 6000; // in flight on 50 ms each way: ~80 MiB/s, about three quarters of the configured window
        KcpLink link = new KcpLink(LinkSimulator.builder().seed(9).delay(50, 50).build(), MODERN,
                new SlowStart(cap), new SlowStart(cap), KcpLink.MICROS_PER_MILLI, 0);
        link.readBeforeFlush = true; // an application that keeps up: the window measures the peer, not the reader
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            messages.add(new byte[MODERN.mssBytes()]);
        }
        int[] peakInFlight = {0};
        int[] heldByWindow = {0};
        boolean done = link.run(messages, WINDOW, () -> {
            peakInFlight[0] = Math.max(peakInFlight[0], (int) (link.a.bytesInFlight() / (MODERN.mssBytes() + 24)));
            if (link.a.heldByRemoteWindow()) {
                heldByWindow[0]++;
            }
            return link.received.size() == messages.size();
        }, 60_000, 10_000_000);
        assertThat(done).isTrue();
        int grown = link.b.advertisedReceiveWindow();
        System.out.printf("window tuning: peak in flight %d segments, advertised window grew 512 -> %d, "
                + "steps held by it %d%n", peakInFlight[0], grown, heldByWindow[0]);
        assertThat(peakInFlight[0]).isGreaterThanOrEqualTo(cap - 64);
        assertThat(grown).isGreaterThanOrEqualTo(peakInFlight[0]).isLessThanOrEqualTo(WINDOW);
        assertThat(heldByWindow[0]).isZero();
        assertThat(link.a.stats().remoteWindow()).isGreaterThan(grown / 2); // the sender heard of the growth

        link.runWithoutDraining(() -> false, 5 * ReceiveWindowTuner.EPOCH_MICROS / 1000, 10_000_000);
        assertThat(link.b.advertisedReceiveWindow()).isEqualTo(ReceiveWindowTuner.INITIAL_SEGMENTS);
        int[] footprint = link.b.memoryFootprint();
        assertThat(footprint[0]).isLessThanOrEqualTo(2 * ReceiveWindowTuner.INITIAL_SEGMENTS);
        assertThat(footprint[1]).isLessThanOrEqualTo(ReceiveWindowTuner.INITIAL_SEGMENTS / 2);
        assertThat(link.a.sendWindowCapacity()).isLessThanOrEqualTo(2 * ReceiveWindowTuner.INITIAL_SEGMENTS);
    }

    @Test
    void theAdvertisedWindowIsTheTunedLimitLessWhatWaitsForTheApplication() {
        EngineProbe p = new EngineProbe(3, MODERN);
        for (int sn = 0; sn < 5; sn++) {
            byte[] d = EngineProbe.segment(3, SegmentCodec.CMD_PUSH, 0, 128, 0, sn, 0, new byte[] {1});
            p.engine.input(d, 0, d.length, 0);
        }
        p.engine.flush(0);
        assertThat(SegmentCodec.wnd(p.out.get(0), 0)).isEqualTo(ReceiveWindowTuner.INITIAL_SEGMENTS - 5);
        // a segment whose header shows 200 segments numbered by the peer (sn 199, una 0) doubles the window
        byte[] far = EngineProbe.segment(3, SegmentCodec.CMD_PUSH, 0, 128, 0, 199, 0, new byte[] {1});
        p.engine.input(far, 0, far.length, 0);
        p.out.clear();
        p.engine.flush(0);
        assertThat(SegmentCodec.wnd(p.out.get(0), 0)).isEqualTo(2 * ReceiveWindowTuner.INITIAL_SEGMENTS - 5);
    }

    @Test
    void referenceModeAdvertisesTheWholeConfiguredWindow() {
        EngineProbe p = new EngineProbe(3, KcpConfig.defaults().withWindows(WINDOW, WINDOW));
        byte[] d = EngineProbe.segment(3, SegmentCodec.CMD_PUSH, 0, 128, 0, 0, 0, new byte[] {1});
        p.engine.input(d, 0, d.length, 0);
        p.engine.flush(0);
        assertThat(SegmentCodec.wnd(p.out.get(0), 0)).isEqualTo(WINDOW - 1);
        assertThat(p.engine.sendQueueLimit()).isEqualTo(WINDOW);
    }

    @Test
    void theBackPressureLimitFollowsTheCongestionWindow() {
        SlowStart cc = new SlowStart(Integer.MAX_VALUE);
        KcpEngine e = new KcpEngine(3, MODERN, cc, (b, o, l) -> { });
        assertThat(e.sendQueueLimit()).isEqualTo(KcpEngine.SEND_QUEUE_FLOOR_SEGMENTS);
        cc.window = 5000;
        assertThat(e.sendQueueLimit()).isEqualTo(WINDOW); // 2 x 5000 + in flight, capped at the send window
        cc.window = 700;
        for (int i = 0; i < 100; i++) {
            e.send(new byte[1], 0, 1);
        }
        e.flush(0);
        assertThat(e.sendQueueLimit()).isEqualTo(100 + 2 * 700);
    }
}
