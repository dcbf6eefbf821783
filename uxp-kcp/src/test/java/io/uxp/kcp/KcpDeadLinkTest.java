package io.uxp.kcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What counts towards the dead link in modern mode: a link whose acknowledgements keep arriving is alive however
 * often one segment is lost. One segment's first transmissions are dropped while the traffic around it flows;
 * RACK resends it each time a later one is acknowledged, more often than the threshold, and the engine must not
 * call the link dead. A black-holed link (only timeouts) still is: the runtime's
 * {@code EmbeddedClosePathsTest} dead-link case.
 */
class KcpDeadLinkTest {
    private static final int CONV = 12;
    private static final long ONE_WAY_MICROS = 5_000;
    private static final int THRESHOLD = 5;
    private static final int VICTIM_SN = 50;
    private static final int VICTIM_DROPS = 8;
    private static final int MESSAGES = 400;
    /** Offset of {@code sn} in a KCP segment header (conv 4, cmd 1, frg 1, wnd 2, ts 4). */
    private static final int SN_OFFSET = 12;
    private static final int HEADER_BYTES = 24;
    private static final int LEN_OFFSET = 20;
    private static final int CMD_PUSH = 81;

    @Test
    void aSegmentResentByRackMoreOftenThanTheThresholdDoesNotMakeALiveLinkDead() {
        KcpConfig config = KcpConfig.defaults().withNodelay(1, 10, 2).withWindows(1024, 1024)
                .withTimeLossDetection(true).withDeadLinkThreshold(THRESHOLD);
        int[] victimDropped = {0};
        EnginePair link = new EnginePair(CONV, config, new PacedController(0, 256), ONE_WAY_MICROS,
                (pair, b, o, l) -> {
                    if (victimDropped[0] < VICTIM_DROPS && carriesPush(b, o, l, VICTIM_SN)) {
                        victimDropped[0]++;
                        return true;
                    }
                    return false;
                });
        KcpEngine sender = link.sender;
        int delivered = 0;
        for (int sent = 0; link.now() < 10_000_000 && delivered < MESSAGES;) {
            if (sent < MESSAGES) { // one message a millisecond
                sender.send(new byte[200], 0, 200);
                sent++;
            }
            delivered += link.runUntil(link.now() + 1_000);
        }
        boolean everDead = sender.isDeadLink(); // once dead, an engine stays dead
        System.out.printf("segment %d dropped %d times; delivered %d of %d; retransmissions fast %d timeout %d%n",
                VICTIM_SN, victimDropped[0], delivered, MESSAGES, sender.stats().fastRetransmissions(),
                sender.stats().timeoutRetransmissions());
        assertThat(victimDropped[0]).as("transmissions of the victim dropped").isEqualTo(VICTIM_DROPS);
        assertThat(delivered).as("messages delivered").isEqualTo(MESSAGES);
        assertThat(everDead).as("dead link declared").isFalse();
    }

    /** @return whether the datagram holds a PUSH segment numbered {@code sn} */
    private static boolean carriesPush(byte[] b, int off, int len, int sn) {
        for (int p = off; p + HEADER_BYTES <= off + len;) {
            int segSn = (b[p + SN_OFFSET] & 0xFF) | (b[p + SN_OFFSET + 1] & 0xFF) << 8
                    | (b[p + SN_OFFSET + 2] & 0xFF) << 16 | (b[p + SN_OFFSET + 3] & 0xFF) << 24;
            int segLen = (b[p + LEN_OFFSET] & 0xFF) | (b[p + LEN_OFFSET + 1] & 0xFF) << 8
                    | (b[p + LEN_OFFSET + 2] & 0xFF) << 16 | (b[p + LEN_OFFSET + 3] & 0xFF) << 24;
            if ((b[p + 4] & 0xFF) == CMD_PUSH && segSn == sn) {
                return true;
            }
            p += HEADER_BYTES + segLen;
        }
        return false;
    }
}
