package io.uxp.kcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Modern mode has no interval tick: {@link KcpEngine#check} names the next event and {@link KcpEngine#update}
 * flushes only then (out-of-order acknowledgements are repeated once, one interval later), while reference mode
 * keeps {@code ikcp_update}'s flush every interval.
 */
class KcpEventDrivenTest {
    private static final int CONV = 7;
    private static final long MS = 1_000;
    private static final KcpConfig REFERENCE = KcpConfig.defaults().withNodelay(true, 10, 2);
    private static final KcpConfig MODERN = REFERENCE.withTimeLossDetection(true);

    @Test
    void aModernSegmentWaitingForItsAcknowledgementWakesTheEngineAtItsTimeoutNotEveryInterval() {
        EngineProbe p = new EngineProbe(CONV, MODERN);
        p.engine.update(0);
        p.engine.send(new byte[100], 0, 100);
        p.engine.flush(0);
        assertThat(p.out).hasSize(1);
        long next = p.engine.check(0);
        assertThat(next).isGreaterThanOrEqualTo(MODERN.minRtoMillis() * MS); // the RTO, not one interval (10 ms)
        for (long t = MS; t < next; t += MS) {
            assertThat(p.engine.update(t)).as("flush at %d us", t).isFalse();
        }
        assertThat(p.out).hasSize(1);
        assertThat(p.engine.update(next)).isTrue();
        assertThat(p.out).hasSize(2); // the retransmission by timeout
    }

    @Test
    void aReferenceEngineStillFlushesEveryInterval() {
        EngineProbe p = new EngineProbe(CONV, REFERENCE);
        p.engine.update(0);
        p.engine.send(new byte[100], 0, 100);
        p.engine.flush(0);
        assertThat(p.engine.check(0)).isEqualTo(10 * MS);
        assertThat(p.engine.update(10 * MS)).isTrue();
    }

    @Test
    void anOwedAcknowledgementIsDueAtOnceAndAnIdleModernEngineAsksForNoWakeUp() {
        EngineProbe p = new EngineProbe(CONV, MODERN);
        p.engine.update(0);
        assertThat(p.engine.check(0)).isEqualTo(Long.MAX_VALUE);
        byte[] push = EngineProbe.segment(CONV, SegmentCodec.CMD_PUSH, 0, 128, 0, 0, 0, new byte[] {1});
        p.engine.input(push, 0, push.length, 5 * MS);
        assertThat(p.engine.check(5 * MS)).isEqualTo(5 * MS);
        assertThat(p.engine.update(5 * MS)).isTrue();
        assertThat(p.segments()).containsExactly(SegmentCodec.CMD_ACK + ":0:0:0");
        assertThat(p.engine.check(6 * MS)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aZeroWindowPeerIsProbedWithoutAnIntervalTick() {
        EngineProbe p = new EngineProbe(CONV, MODERN);
        p.engine.update(0);
        byte[] zero = EngineProbe.segment(CONV, SegmentCodec.CMD_WINS, 0, 0, 0, 0, 0, new byte[0]);
        p.engine.input(zero, 0, zero.length, 0);
        p.engine.send(new byte[100], 0, 100);
        p.engine.flush(0); // starts the probe timer; nothing may leave into a zero window
        p.out.clear();
        long next = p.engine.check(MS);
        assertThat(next).isEqualTo(7_000 * MS); // the reference's first probe wait, 7 s
        assertThat(p.engine.update(next)).isTrue();
        assertThat(p.segments()).containsExactly(SegmentCodec.CMD_WASK + ":0:0:0");
    }

    @Test
    void outOfOrderAcknowledgementsAreRepeatedOneIntervalLaterWithoutNewTraffic() {
        EngineProbe p = new EngineProbe(CONV, MODERN);
        p.engine.update(0);
        byte[] above = EngineProbe.segment(CONV, SegmentCodec.CMD_PUSH, 0, 128, 0, 3, 0, new byte[] {1});
        p.engine.input(above, 0, above.length, 0); // segment 3 above the hole 0..2
        assertThat(p.engine.update(0)).isTrue();
        assertThat(p.segments()).containsExactly(SegmentCodec.CMD_ACK + ":3:0:0");
        p.out.clear();
        assertThat(p.engine.check(MS)).isEqualTo(10 * MS); // the repeat is due one interval after the first copy
        assertThat(p.engine.update(9 * MS)).isFalse();
        assertThat(p.engine.update(10 * MS)).isTrue();
        assertThat(p.segments()).containsExactly(SegmentCodec.CMD_ACK + ":3:0:0");
        assertThat(p.engine.check(11 * MS)).isEqualTo(Long.MAX_VALUE); // repeated once only
    }
}
