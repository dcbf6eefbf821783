package io.uxp.kcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.kcp.cc.FixedCongestionProvider;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which acknowledgement of a datagram counts for fast retransmit: the reference with IKCP_FASTACK_CONSERVE
 * ({@code ikcp_input}) takes the first ACK, then moves on only to a later one whose sn is higher and whose ts is
 * newer. Every segment before that ACK's sn, sent no later than its ts, counts one skip.
 */
class KcpFastAckTest {

    private static final int CONV = 21;

    /** Sends sn 0..5 at time 0, feeds {@code acks} in one datagram at 50 ms, flushes; returns the resent sns. */
    private static List<Integer> resentAfter(byte[] acks) {
        List<byte[]> out = new ArrayList<>();
        KcpConfig config = KcpConfig.defaults().withNodelay(1, 10, 1);
        KcpEngine a = new KcpEngine(CONV, config, new FixedCongestionProvider().newController(config.mssBytes()),
                (buf, off, len) -> out.add(java.util.Arrays.copyOfRange(buf, off, off + len)));
        for (int i = 0; i < 6; i++) {
            a.send(new byte[] {(byte) i}, 0, 1);
        }
        a.flush(0);
        out.clear();
        // the echoed timestamps lie in the future of 50 ms, so they give no RTT sample and the RTO stays 200 ms
        a.input(acks, 0, acks.length, 50_000);
        a.flush(50_000);
        List<Integer> sns = new ArrayList<>();
        for (byte[] d : out) {
            for (int p = 0; d.length - p >= SegmentCodec.HEADER_BYTES; p += 24 + (int) SegmentCodec.len(d, p)) {
                if (SegmentCodec.cmd(d, p) == SegmentCodec.CMD_PUSH) {
                    sns.add(SegmentCodec.sn(d, p));
                }
            }
        }
        return sns;
    }

    private static byte[] ack(int sn, int ts) {
        return EngineProbe.segment(CONV, SegmentCodec.CMD_ACK, 0, 128, ts, sn, 0, new byte[0]);
    }

    @Test
    void aLaterAckWithALowerSnDoesNotReplaceTheFirstEvenIfItsTimestampIsNewer() {
        // old rule (newest ts alone): maxAck 3, so only 0, 1, 2 skipped; the reference keeps 5: 0, 1, 2, 4 skipped
        assertThat(resentAfter(EngineProbe.concat(ack(5, 100), ack(3, 200)))).containsExactly(0, 1, 2, 4);
    }

    @Test
    void aLaterAckWithAHigherSnButAnOlderTimestampDoesNotReplaceTheFirst() {
        // IKCP_FASTACK_CONSERVE: sn 5 is higher but ts 100 is older than 200, so maxAck stays 3
        assertThat(resentAfter(EngineProbe.concat(ack(3, 200), ack(5, 100)))).containsExactly(0, 1, 2);
    }

    @Test
    void aLaterAckWithAHigherSnAndANewerTimestampReplacesTheFirst() {
        assertThat(resentAfter(EngineProbe.concat(ack(3, 100), ack(5, 200)))).containsExactly(0, 1, 2, 4);
    }
}
