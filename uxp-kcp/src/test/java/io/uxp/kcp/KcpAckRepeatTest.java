package io.uxp.kcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * In modern mode a receiver acknowledges a segment that arrived out of order twice (in the flush after its arrival
 * and once more in the next), so that one lost acknowledgement datagram does not make the sender's time-based
 * loss detection resend segments that arrived; in-order segments, covered by {@code una}, and the reference mode
 * are acknowledged once.
 */
class KcpAckRepeatTest {

    private static final int CONV = 5;
    private static final byte[] ONE_BYTE = {7};

    private static List<String> acksAfterTwoFlushes(KcpConfig config, int... arrivingSns) {
        EngineProbe p = new EngineProbe(CONV, config);
        for (int sn : arrivingSns) {
            byte[] push = EngineProbe.segment(CONV, SegmentCodec.CMD_PUSH, 0, 128, 1, sn, 0, ONE_BYTE);
            assertThat(p.engine.input(push, 0, push.length, 1_000)).isEqualTo(KcpEngine.OK);
        }
        p.engine.flush(2_000);
        p.engine.flush(3_000);
        p.engine.flush(4_000);
        return p.segments().stream().filter(s -> s.startsWith(SegmentCodec.CMD_ACK + ":")).toList();
    }

    private static String ack(int sn) {
        return SegmentCodec.CMD_ACK + ":" + sn + ":0:0";
    }

    @Test
    void inModernModeAnOutOfOrderSegmentIsAcknowledgedTwiceAndAnInOrderOneOnce() {
        KcpConfig modern = KcpConfig.defaults().withTimeLossDetection(true);

        // sn 0 arrives in order; 2 and 3 arrive above the hole at 1
        assertThat(acksAfterTwoFlushes(modern, 0, 2, 3)).containsExactly(ack(0), ack(2), ack(3), ack(2), ack(3));
    }

    @Test
    void aRepeatIsDroppedOnceTheHoleBelowItIsFilled() {
        KcpConfig modern = KcpConfig.defaults().withTimeLossDetection(true);
        EngineProbe p = new EngineProbe(CONV, modern);
        byte[] two = EngineProbe.segment(CONV, SegmentCodec.CMD_PUSH, 0, 128, 1, 2, 0, ONE_BYTE);
        p.engine.input(two, 0, two.length, 1_000);
        p.engine.flush(2_000);
        for (int sn = 0; sn < 2; sn++) {
            byte[] fill = EngineProbe.segment(CONV, SegmentCodec.CMD_PUSH, 0, 128, 1, sn, 0, ONE_BYTE);
            p.engine.input(fill, 0, fill.length, 2_500);
        }
        p.engine.flush(3_000);

        // the second flush acknowledges 0 and 1; una = 3 now covers sn 2, so its repeat is not needed
        assertThat(p.segments().stream().filter(s -> s.startsWith(SegmentCodec.CMD_ACK + ":")).toList())
                .containsExactly(ack(2), ack(0), ack(1));
    }

    @Test
    void theReferenceModeAcknowledgesEverySegmentOnce() {
        assertThat(acksAfterTwoFlushes(KcpConfig.defaults(), 0, 2, 3)).containsExactly(ack(0), ack(2), ack(3));
    }
}
