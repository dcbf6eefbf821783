package io.uxp.kcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.testkit.LinkSimulator;
import io.uxp.testkit.LinkSimulator.Side;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code check()} is never later than needed, and wire timestamps and sequence numbers survive wrapping past 2^32.
 */
class KcpTimingTest {

    private static KcpLink link(long seed, long start) {
        KcpConfig config = KcpConfig.defaults().withNodelay(true, 10, 2).withMtuBytes(300);
        KcpLink link = new KcpLink(LinkSimulator.builder().seed(seed).loss(0.15).delay(5, 40).reorder(0.05)
                .build(), config, true, start);
        link.trace = new ArrayList<>();
        return link;
    }

    private static List<byte[]> messages(int n) {
        List<byte[]> m = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] b = new byte[1 + (i * 97) % 900];
            b[0] = (byte) i;
            m.add(b);
        }
        return m;
    }

    @Test
    void updatingOnlyWhenCheckSaysEmitsExactlyWhatUpdatingEveryMillisecondEmits() {
        for (long seed = 1; seed <= 5; seed++) {
            KcpLink byCheck = link(seed, 1_000);
            KcpLink everyMs = link(seed, 1_000);
            everyMs.everyMillisecond = true;

            assertThat(byCheck.run(messages(60), Integer.MAX_VALUE, () -> byCheck.received.size() == 60, 600_000,
                    1_000_000)).isTrue();
            assertThat(everyMs.run(messages(60), Integer.MAX_VALUE, () -> everyMs.received.size() == 60, 600_000,
                    1_000_000)).isTrue();

            assertThat(byCheck.trace).as("seed %d", seed).isNotEmpty().isEqualTo(everyMs.trace);
        }
    }

    @Test
    void anUpdateBeforeTheCheckedTimeSendsNothing() {
        EngineProbe p = new EngineProbe(1, KcpConfig.defaults().withNodelay(false, 50, 0));
        p.engine.send(new byte[10], 0, 10);
        p.engine.update(0);
        assertThat(p.out).hasSize(1);
        for (long t = 1; t < 1_000; t++) { // milliseconds
            long due = p.engine.check(t * 1000);
            assertThat(due).isBetween(t * 1000, (t + 50) * 1000);
            assertThat(due % 1000).as("driven at whole milliseconds, the engine answers whole milliseconds").isZero();
            int before = p.out.size();
            for (long u = t; u < due / 1000; u++) {
                p.engine.update(u * 1000);
            }
            assertThat(p.out).hasSize(before);
            t = due / 1000;
            p.engine.update(t * 1000);
        }
        // the resend at 225 was not delayed past the flush that followed it
        assertThat(p.engine.stats().timeoutRetransmissions()).isPositive();
    }

    @Test
    void checkBeforeTheFirstUpdateIsNow() {
        EngineProbe p = new EngineProbe(1, KcpConfig.defaults());
        assertThat(p.engine.check(123_456)).isEqualTo(123_456);
    }

    @Test
    void roundTripTimesAreRightWhenTheClockCrosses2To32() {
        long start = (1L << 32) - 300;
        KcpConfig config = KcpConfig.defaults().withNodelay(true, 10, 0);
        KcpLink link = new KcpLink(LinkSimulator.builder().seed(3).delay(20, 20).build(), config, false, start);
        List<byte[]> m = messages(100);

        assertThat(link.run(m, 4, () -> link.received.size() == 100, 60_000, 100_000)).isTrue();

        assertThat(link.now / 1000).isGreaterThan(1L << 32);
        // 20 ms each way, plus up to one 10 ms interval before the receiver's flush sends the ack
        assertThat(link.a.stats().srttMillis()).isBetween(40, 50);
        assertThat(link.a.stats().rtoMillis()).isBetween(40, 100);
        assertThat(link.a.stats().timeoutRetransmissions()).isZero();
    }

    @Test
    void sequenceNumbersWrapPast2To32UnderLoss() {
        KcpLink link = link(4, 0);
        int first = -20;
        link.a.startSequenceAt(first);
        link.b.startSequenceAt(first);
        List<byte[]> m = messages(80);

        assertThat(link.run(m, 64, () -> link.received.size() == 80, 600_000, 1_000_000)).isTrue();

        for (int i = 0; i < 80; i++) {
            assertThat(link.received.get(i)).isEqualTo(m.get(i));
        }
        List<Integer> pushSns = new ArrayList<>();
        for (String line : link.trace) {
            String[] f = line.split(" ");
            byte[] d = java.util.HexFormat.of().parseHex(f[2]);
            if (Side.valueOf(f[1]) == Side.A && SegmentCodec.cmd(d, 0) == SegmentCodec.CMD_PUSH) {
                pushSns.add(SegmentCodec.sn(d, 0));
            }
        }
        assertThat(pushSns).contains(-1, 0, first);
        assertThat(link.a.stats().retransmissions()).isPositive();
    }
}
