package io.uxp.kcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.kcp.cc.FixedCongestionProvider;
import io.uxp.testkit.LinkSimulator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The delivery-rate samples handed to the controller, in the manner of Linux {@code tcp_rate.c}: worked by hand
 * for one acknowledgement, and measured against the send rate on a clean link.
 */
class KcpRateSampleTest {

    private static final int MSS = KcpConfig.DEFAULT_MTU_BYTES - SegmentCodec.HEADER_BYTES;

    @Test
    void oneAcknowledgementYieldsItsRttDeliveredBytesAndInterval() {
        PacedController cc = new PacedController(0, Integer.MAX_VALUE);
        cc.recording = true;
        KcpEngine a = new KcpEngine(1, KcpConfig.defaults(), cc, (buf, off, len) -> { });
        for (int i = 0; i < 3; i++) {
            a.send(new byte[] {(byte) i}, 0, 1);
        }
        a.flush(1_000_000); // sn 0, 1, 2 leave at 1000 ms, 25 bytes each on the wire
        assertThat(a.bytesInFlight()).isEqualTo(75);
        byte[] ack = EngineProbe.segment(1, SegmentCodec.CMD_ACK, 0, 128, 1000, 1, 0, new byte[0]);

        a.input(ack, 0, ack.length, 1_042_500);

        // sn 1 acknowledged selectively, echoing its transmission's ts: RTT 42.5 ms at microsecond precision; the
        // send phase is empty (all left at once), the ack phase 42.5 ms since delivery began at the first send
        assertThat(cc.acks).hasSize(1);
        long[] s = cc.acks.get(0);
        assertThat(s).containsExactly(1_042_500L, 42_500L, 25L, 42_500L, 0L, 0L);
        assertThat(a.bytesInFlight()).isEqualTo(50);
        assertThat(a.minRttMicros()).isEqualTo(42_500);
    }

    @Test
    void anAckEchoingAnEarlierTransmissionGivesNoRtt() {
        PacedController cc = new PacedController(0, Integer.MAX_VALUE);
        cc.recording = true;
        KcpConfig config = KcpConfig.defaults().withNodelay(1, 10, 0);
        KcpEngine a = new KcpEngine(1, config, cc, (buf, off, len) -> { });
        a.send(new byte[] {1}, 0, 1);
        a.update(0);
        a.update(200_000); // RTO 200 ms: retransmitted with ts 200
        byte[] ack = EngineProbe.segment(1, SegmentCodec.CMD_ACK, 0, 128, 0, 0, 0, new byte[0]);

        a.input(ack, 0, ack.length, 230_000); // acknowledges the copy sent at 0: ambiguous for the RTT

        assertThat(a.stats().timeoutRetransmissions()).isEqualTo(1);
        assertThat(cc.acks).hasSize(1);
        assertThat(cc.acks.get(0)[1]).isEqualTo(-1);
        assertThat(cc.acks.get(0)[5]).as("una advanced").isEqualTo(1);
        assertThat(a.minRttMicros()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void onACleanLinkWithConstantSpacingTheDeliveryRateIsTheSendRate() {
        long rate = 1_000_000; // bytes per second: a 1400-byte segment every 1.4 ms
        KcpConfig config = KcpConfig.defaults().withNodelay(1, 1, 0).withWindows(256, 256);
        LinkSimulator sim = LinkSimulator.builder().seed(4).delay(20_000, 20_000).build(); // microseconds
        PacedController cc = new PacedController(rate, Integer.MAX_VALUE);
        cc.recording = true;
        KcpLink link = new KcpLink(sim, config, cc, new FixedCongestionProvider().newController(config.mssBytes()),
                1, 0);
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < 800; i++) {
            messages.add(new byte[MSS]);
        }

        assertThat(link.run(messages, 256, () -> link.received.size() == 800, 60_000, 1_000_000)).isTrue();

        List<Double> rates = new ArrayList<>();
        for (long[] s : cc.acks.subList(100, cc.acks.size())) {
            if (s[3] > 0 && s[4] == 0) { // a valid interval, not application-limited
                rates.add(s[2] * 1e6 / s[3]);
            }
        }
        assertThat(rates).hasSizeGreaterThan(400);
        double[] sorted = rates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted[sorted.length / 2];
        System.out.printf("delivery rate: median %.0f, 5%% %.0f, 95%% %.0f bytes/s over %d samples (send rate %d)%n",
                median, sorted[sorted.length / 20], sorted[sorted.length * 19 / 20], sorted.length, rate);
        assertThat(median).isBetween(rate * 0.97, rate * 1.03);
        assertThat(sorted[sorted.length / 20]).isGreaterThan(rate * 0.9);
        assertThat(sorted[sorted.length * 19 / 20]).isLessThan(rate * 1.1);
        assertThat(Arrays.stream(sorted).max().orElseThrow()).as("never above the send rate by much")
                .isLessThan(rate * 1.15);
    }

    /**
     * A sender held back by its window leaves pacing credit unused; that is the window at work, not a late
     * thread, so what it sends when acknowledgements open the window is not application-limited, even where the
     * pacer then holds the rest. The same gap after a flush the pacer held back is pacing time lost (the thread
     * woke late): those samples are marked, so that a rate-based controller does not take the host's speed for
     * the path's.
     */
    @Test
    void unusedPacingCreditCountsAsApplicationLimitedOnlyAfterThePacerHeldTheSenderBack() {
        assertThat(laterFlightAppLimited(2)).as("first flight window-limited").isFalse();
        assertThat(laterFlightAppLimited(Integer.MAX_VALUE)).as("first flight pacer-limited").isTrue();
    }

    /**
     * 300 full segments queued (more than the windows admit), pacing at 1 MB/s (a backlogged burst of 4 ms: three segments). The first flush
     * sends what the window and the burst allow; 40 ms later an acknowledgement of all of it comes with the window
     * opened, and the pacer sends three; 6 ms later it sends what accrued; then all is acknowledged.
     *
     * @param firstWindow the window for the first flight, in segments
     * @return whether the sample of the last flight was application-limited
     */
    private static boolean laterFlightAppLimited(int firstWindow) {
        PacedController cc = new PacedController(1_000_000, firstWindow);
        cc.recording = true;
        KcpConfig config = KcpConfig.defaults().withNodelay(true, 10, 0).withTimeLossDetection(true)
                .withWindows(256, 256);
        KcpEngine a = new KcpEngine(1, config, cc, (buf, off, len) -> { });
        for (int i = 0; i < 300; i++) {
            a.send(new byte[MSS], 0, MSS);
        }
        int segmentBytes = MSS + SegmentCodec.HEADER_BYTES;
        a.flush(1_000_000);
        int first = (int) (a.bytesInFlight() / segmentBytes);
        cc.window = 8;
        byte[] ack = acks(0, first, 1000);
        a.input(ack, 0, ack.length, 1_040_000);
        a.flush(1_040_000);
        int second = (int) (a.bytesInFlight() / segmentBytes);
        assertThat(second).as("the pacer held part of the opened window").isBetween(1, 8 - first - 1);
        a.flush(1_046_000); // the next segments, sent after the flush that judged the gap
        int third = (int) (a.bytesInFlight() / segmentBytes) - second;
        assertThat(third).as("segments of the third flight").isPositive();
        ack = acks(first, first + second + third, 1040);
        a.input(ack, 0, ack.length, 1_086_000);
        return cc.acks.get(cc.acks.size() - 1)[4] == 1;
    }

    /** @return one datagram acknowledging {@code from} to {@code to - 1}, each echoing {@code ts} */
    private static byte[] acks(int from, int to, int ts) {
        byte[][] parts = new byte[to - from][];
        for (int sn = from; sn < to; sn++) {
            parts[sn - from] = EngineProbe.segment(1, SegmentCodec.CMD_ACK, 0, 128, ts, sn, sn + 1, new byte[0]);
        }
        return EngineProbe.concat(parts);
    }
}
