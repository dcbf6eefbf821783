package io.uxp.kcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.testkit.LinkSimulator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The send window, the peer's advertised window, and probing a zero window. */
class KcpWindowTest {

    private static final int CONV = 3;

    @Test
    void noMoreThanTheSendWindowIsInFlight() {
        // "fixed" congestion control, so only the send window limits
        KcpEngine engine = new KcpEngine(CONV, KcpConfig.defaults().withWindows(4, 128),
                new io.uxp.kcp.cc.FixedCongestionProvider().newController(1376), (b, o, l) -> { });
        for (int i = 0; i < 10; i++) {
            engine.send(new byte[1], 0, 1);
        }
        engine.flush(0);
        assertThat(engine.stats().sendBuffer()).isEqualTo(4);
        assertThat(engine.stats().sendQueue()).isEqualTo(6);
        assertThat(engine.waitingToSend()).isEqualTo(10);
    }

    @Test
    void theReferenceCongestionWindowStartsAtOneSegment() {
        EngineProbe p = new EngineProbe(CONV, KcpConfig.defaults());
        for (int i = 0; i < 10; i++) {
            p.engine.send(new byte[1], 0, 1);
        }
        p.engine.flush(0);
        assertThat(p.segments()).containsExactly("81:0:0:1");
    }

    @Test
    void theAdvertisedWindowIsTheFreeRoomOfTheReceiveQueue() {
        EngineProbe p = new EngineProbe(CONV, KcpConfig.defaults().withWindows(32, 16));
        for (int sn = 0; sn < 5; sn++) {
            byte[] d = EngineProbe.segment(CONV, SegmentCodec.CMD_PUSH, 0, 128, 0, sn, 0, new byte[] {1});
            p.engine.input(d, 0, d.length, 0);
        }
        p.engine.flush(0);
        assertThat(SegmentCodec.wnd(p.out.get(0), 0)).isEqualTo(11);
    }

    @Test
    void aZeroWindowIsProbedAfterSevenSecondsAndReopensWhenTheApplicationReads() {
        KcpConfig config = KcpConfig.defaults().withNodelay(true, 10, 0).withWindows(32, 4);
        KcpLink link = new KcpLink(LinkSimulator.builder().seed(5).delay(10, 10).build(), config, false, 0);
        link.trace = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            link.a.send(new byte[] {(byte) i}, 0, 1);
        }
        assertThat(link.runWithoutDraining(() -> link.a.stats().remoteWindow() == 0, 10_000, 10_000)).isTrue();
        long zeroSince = link.now;
        assertThat(link.b.stats().receiveQueue()).isEqualTo(4);

        assertThat(link.runWithoutDraining(() -> false, 7_200, 100_000)).isFalse();

        List<String> probes = commands(link.trace, "A", SegmentCodec.CMD_WASK);
        assertThat(probes).hasSize(1);
        long probeAt = Long.parseLong(probes.get(0));
        assertThat(probeAt - zeroSince).isBetween(7_000_000L, 7_020_000L); // microseconds
        assertThat(commands(link.trace, "B", SegmentCodec.CMD_WINS)).isNotEmpty();

        for (int round = 0; round < 10 && link.received.size() < 10; round++) {
            link.drain();
            link.runWithoutDraining(() -> link.b.stats().receiveQueue() > 0, 10_000, 100_000);
        }
        link.drain();
        assertThat(link.received).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(link.received.get(i)).containsExactly(i);
        }
    }

    /** @return the times at which {@code side} sent a datagram whose first segment has command {@code cmd} */
    private static List<String> commands(List<String> trace, String side, int cmd) {
        List<String> times = new ArrayList<>();
        for (String line : trace) {
            String[] f = line.split(" ");
            byte[] d = java.util.HexFormat.of().parseHex(f[2]);
            for (int p = 0; d.length - p >= 24; p += 24 + (int) SegmentCodec.len(d, p)) {
                if (f[1].equals(side) && SegmentCodec.cmd(d, p) == cmd) {
                    times.add(f[0]);
                }
            }
        }
        return times;
    }
}
