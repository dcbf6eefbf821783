package io.uxp.kcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.testkit.LinkSimulator;
import io.uxp.testkit.LinkSimulator.Side;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The flush remembers what a scan of the segments in flight would find, so that the check after it does not scan
 * again: over lossy, jittery, reordering links, in both modes and with pacing, every check equals a fresh scan's.
 */
class KcpScanCacheTest {

    private static List<byte[]> messages(int n, int size) {
        List<byte[]> m = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            m.add(new byte[size]);
        }
        return m;
    }

    private static void transferComparingEveryCheck(KcpConfig config, long rate, long seed) {
        LinkSimulator sim = LinkSimulator.builder().seed(seed).loss(Side.A, 0.05).loss(Side.B, 0.05)
                .delay(15, 25).reorder(0.02).build();
        KcpLink link = new KcpLink(sim, config, new PacedController(rate, 256), new PacedController(rate, 256),
                1_000, 0);
        link.verifyScanCache = true;

        assertThat(link.run(messages(1_500, 1_000), 512, () -> link.received.size() == 1_500, 600_000, 2_000_000))
                .isTrue();
        assertThat(link.scanChecks).isGreaterThan(500);
        assertThat(link.a.stats().fastRetransmissions() + link.a.stats().timeoutRetransmissions()).isPositive();
    }

    @Test
    void anAcknowledgementArrivingAtTheTimeOfTheFlushIsSeenByTheNextCheck() {
        KcpConfig config = KcpConfig.defaults().withTimeLossDetection(true);
        KcpEngine a = new KcpEngine(1, config, new PacedController(0, Integer.MAX_VALUE), (buf, off, len) -> { });
        for (int i = 0; i < 3; i++) {
            a.send(new byte[] {(byte) i}, 0, 1);
        }
        a.update(1_000); // sn 0, 1, 2 leave; their RTO is 200 ms away
        long beforeAck = a.check(1_000);
        byte[] ack = EngineProbe.segment(1, SegmentCodec.CMD_ACK, 0, 128, 1, 2, 0, new byte[0]);
        a.input(ack, 0, ack.length, 1_000);

        // sn 2 delivered at once: RACK judges sn 0 and 1 after the reordering window, long before their RTO
        assertThat(a.check(1_000)).isEqualTo(a.checkRescanned(1_000)).isLessThan(beforeAck);
    }

    @Test
    void inModernModeWithPacingEveryCheckAfterAFlushEqualsAFreshScan() {
        for (long seed = 1; seed <= 3; seed++) {
            transferComparingEveryCheck(KcpConfig.defaults().withWindows(256, 256).withTimeLossDetection(true),
                    2_000_000, seed);
        }
    }

    @Test
    void inReferenceModeWithFastResendEveryCheckEqualsAFreshScan() {
        for (long seed = 1; seed <= 3; seed++) {
            transferComparingEveryCheck(KcpConfig.defaults().withNodelay(1, 10, 2).withWindows(256, 256), 0, seed);
        }
    }
}
