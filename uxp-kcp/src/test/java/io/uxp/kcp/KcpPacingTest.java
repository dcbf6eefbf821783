package io.uxp.kcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.kcp.cc.FixedCongestionProvider;
import io.uxp.testkit.LinkSimulator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A positive pacing rate spreads PUSH segments over time with a token bucket (burst {@code max(2 segments, rate x
 * 1 ms)}); {@code check()} says when the next may go; acknowledgements are not held back.
 */
class KcpPacingTest {

    private static final int MSS = KcpConfig.DEFAULT_MTU_BYTES - SegmentCodec.HEADER_BYTES;
    private static final int SEGMENT_BYTES = KcpConfig.DEFAULT_MTU_BYTES;

    /** Times (us) and sizes of A's PUSH segments in a trace, in order. */
    private static List<long[]> pushes(List<String> trace) {
        List<long[]> out = new ArrayList<>();
        for (String line : trace) {
            String[] f = line.split(" ");
            if (!f[1].equals("A")) {
                continue;
            }
            byte[] d = java.util.HexFormat.of().parseHex(f[2]);
            for (int p = 0; d.length - p >= 24; p += 24 + (int) SegmentCodec.len(d, p)) {
                if (SegmentCodec.cmd(d, p) == SegmentCodec.CMD_PUSH) {
                    out.add(new long[] {Long.parseLong(f[0]), 24 + SegmentCodec.len(d, p)});
                }
            }
        }
        return out;
    }

    private static KcpLink pacedLink(long rate, KcpConfig config) {
        LinkSimulator sim = LinkSimulator.builder().seed(2).delay(10_000, 10_000).build(); // microseconds
        KcpLink link = new KcpLink(sim, config, new PacedController(rate, Integer.MAX_VALUE),
                new FixedCongestionProvider().newController(config.mssBytes()), 1, 0);
        link.trace = new ArrayList<>();
        return link;
    }

    private static List<byte[]> messages(int n) {
        List<byte[]> m = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            m.add(new byte[MSS]);
        }
        return m;
    }

    @Test
    void segmentsLeaveNoFasterThanTheRateAllowingOnlyTheBurst() {
        long rate = 500_000; // bytes per second: one 1400-byte segment every 2.8 ms
        KcpLink link = pacedLink(rate, KcpConfig.defaults().withNodelay(1, 10, 0).withWindows(128, 128));

        assertThat(link.run(messages(200), 256, () -> link.received.size() == 200, 60_000, 200_000)).isTrue();

        List<long[]> sent = pushes(link.trace);
        assertThat(sent).hasSizeGreaterThanOrEqualTo(200);
        long burst = Math.max(2L * SEGMENT_BYTES, rate / 1000);
        long t0 = sent.get(0)[0];
        long before = 0;
        for (long[] s : sent) {
            // token bucket: what left before this segment fits the burst plus the rate times the elapsed time
            long allowed = burst + (s[0] - t0) * rate / 1_000_000 + 1;
            assertThat(before).as("bytes sent before t=%d us", s[0]).isLessThanOrEqualTo(allowed);
            before += s[1];
        }
        long duration = sent.get(sent.size() - 1)[0] - t0;
        long ideal = (before - burst - SEGMENT_BYTES) * 1_000_000 / rate;
        assertThat(duration).as("spread over the time the rate needs, and not much longer")
                .isBetween(ideal, ideal * 11 / 10);
        assertThat(link.a.stats().retransmissions()).isZero();
    }

    @Test
    void checkSaysWhenThePacerAllowsTheNextSegment() {
        long rate = 140_000; // bytes per second: a 1400-byte segment per 10 ms; burst 2800 bytes
        List<byte[]> out = new ArrayList<>();
        KcpConfig config = KcpConfig.defaults().withNodelay(1, 100, 0);
        KcpEngine a = new KcpEngine(1, config, new PacedController(rate, Integer.MAX_VALUE),
                (buf, off, len) -> out.add(java.util.Arrays.copyOfRange(buf, off, off + len)));
        for (int i = 0; i < 5; i++) {
            a.send(new byte[MSS], 0, MSS);
        }
        a.update(0);
        // the full burst (2800) lets two go, and the credit may go one segment negative: three at time 0
        assertThat(out).hasSize(3);
        // credit -1400 at 140 bytes per ms: the sender wakes once half the burst (1400) has accrued, 20 ms later,
        // long before the 100 ms flush interval, and then two segments go in one wake-up
        assertThat(a.check(1_000)).isEqualTo(20_000);
        a.update(19_999);
        assertThat(out).hasSize(3);
        a.update(20_000);
        assertThat(out).hasSize(5);
    }

    @Test
    void acknowledgementsAreNotHeldBackByThePacer() {
        long rate = 14_000; // one segment per 100 ms
        List<byte[]> out = new ArrayList<>();
        KcpConfig config = KcpConfig.defaults().withNodelay(1, 10, 0);
        KcpEngine a = new KcpEngine(1, config, new PacedController(rate, Integer.MAX_VALUE),
                (buf, off, len) -> out.add(java.util.Arrays.copyOfRange(buf, off, off + len)));
        for (int i = 0; i < 5; i++) {
            a.send(new byte[MSS], 0, MSS);
        }
        a.update(0); // spends the credit
        out.clear();
        byte[] push = EngineProbe.segment(1, SegmentCodec.CMD_PUSH, 0, 128, 3, 0, 0, new byte[] {7});
        a.input(push, 0, push.length, 5_000);
        a.update(10_000);

        assertThat(out).hasSize(1);
        assertThat(SegmentCodec.cmd(out.get(0), 0)).isEqualTo(SegmentCodec.CMD_ACK);
        assertThat(out.get(0)).hasSize(24); // no PUSH rode along: the pacer holds them
    }
}
