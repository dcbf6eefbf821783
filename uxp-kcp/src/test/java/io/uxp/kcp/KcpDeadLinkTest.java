package io.uxp.kcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Arrays;
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

    private record Datagram(long at, byte[] bytes) {
    }

    @Test
    void aSegmentResentByRackMoreOftenThanTheThresholdDoesNotMakeALiveLinkDead() {
        KcpConfig config = KcpConfig.defaults().withNodelay(1, 10, 2).withWindows(1024, 1024)
                .withTimeLossDetection(true).withDeadLinkThreshold(THRESHOLD);
        ArrayDeque<Datagram> toReceiver = new ArrayDeque<>();
        ArrayDeque<Datagram> toSender = new ArrayDeque<>();
        long[] now = {0};
        int[] victimDropped = {0};
        KcpEngine sender = new KcpEngine(CONV, config, new PacedController(0, 256), (b, o, l) -> {
            if (victimDropped[0] < VICTIM_DROPS && carriesPush(b, o, l, VICTIM_SN)) {
                victimDropped[0]++;
                return;
            }
            toReceiver.add(new Datagram(now[0] + ONE_WAY_MICROS, Arrays.copyOfRange(b, o, o + l)));
        });
        KcpEngine receiver = new KcpEngine(CONV, config, new PacedController(0, 256),
                (b, o, l) -> toSender.add(new Datagram(now[0] + ONE_WAY_MICROS, Arrays.copyOfRange(b, o, o + l))));
        byte[] buf = new byte[2_000];
        int sent = 0;
        int delivered = 0;
        boolean everDead = false;
        for (; now[0] < 10_000_000 && delivered < MESSAGES; now[0] += 100) {
            if (now[0] % 1_000 == 0 && sent < MESSAGES) { // one message a millisecond
                sender.send(new byte[200], 0, 200);
                sent++;
            }
            while (!toReceiver.isEmpty() && toReceiver.peek().at() <= now[0]) {
                byte[] d = toReceiver.poll().bytes();
                receiver.input(d, 0, d.length, now[0]);
                receiver.flush(now[0]);
            }
            while (!toSender.isEmpty() && toSender.peek().at() <= now[0]) {
                byte[] d = toSender.poll().bytes();
                sender.input(d, 0, d.length, now[0]);
                sender.flush(now[0]);
            }
            if (sender.check(now[0]) <= now[0]) {
                sender.update(now[0]);
            }
            if (receiver.check(now[0]) <= now[0]) {
                receiver.update(now[0]);
            }
            while (receiver.receive(buf, 0, buf.length) >= 0) {
                delivered++;
            }
            everDead |= sender.isDeadLink();
        }
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
