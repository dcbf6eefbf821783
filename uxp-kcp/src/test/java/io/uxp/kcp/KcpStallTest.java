package io.uxp.kcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A stall longer than the retransmission timeout (a busy host that does not run the receiver, a radio that holds
 * its queue) delays a whole flight's acknowledgements without losing them. In modern mode each flush declares at
 * most one timeout, the oldest segment's, as a tail-loss probe; the rest wait one more RTO and are judged by RACK
 * once acknowledgements flow again. The reference mode keeps its per-segment timers (every expired segment goes).
 */
class KcpStallTest {
    private static final int CONV = 9;
    private static final int FLIGHT = 20;
    private static final long MILLI = 1_000;
    private static final long ONE_WAY_MICROS = 10 * MILLI;
    private static final long STALL_MICROS = 150 * MILLI;
    private static final int MIN_RTO_MILLIS = 30;

    /** Sender and receiver with a list of datagrams in flight each way. */
    private static final class Pair {
        final List<byte[]> toReceiver = new ArrayList<>();
        final List<byte[]> toSender = new ArrayList<>();
        final KcpEngine sender;
        final KcpEngine receiver;

        Pair(KcpConfig config) {
            sender = new KcpEngine(CONV, config, new PacedController(0, 256),
                    (b, o, l) -> toReceiver.add(Arrays.copyOfRange(b, o, o + l)));
            receiver = new KcpEngine(CONV, config, new PacedController(0, 256),
                    (b, o, l) -> toSender.add(Arrays.copyOfRange(b, o, o + l)));
        }

        static void deliver(List<byte[]> datagrams, KcpEngine to, long now) {
            for (byte[] d : datagrams) {
                assertThat(to.input(d, 0, d.length, now)).isEqualTo(KcpEngine.OK);
            }
            datagrams.clear();
        }

        /** One message out and its acknowledgement back, each way taking {@link #ONE_WAY_MICROS}. */
        long exchange(long now) {
            sender.send(new byte[100], 0, 100);
            sender.flush(now);
            deliver(toReceiver, receiver, now + ONE_WAY_MICROS);
            receiver.flush(now + ONE_WAY_MICROS);
            deliver(toSender, sender, now + 2 * ONE_WAY_MICROS);
            drain(receiver);
            return now + 2 * ONE_WAY_MICROS;
        }
    }

    private static int drain(KcpEngine engine) {
        int n = 0;
        byte[] buf = new byte[2_000];
        while (engine.receive(buf, 0, buf.length) >= 0) {
            n++;
        }
        return n;
    }

    /** @return the sender's timeout retransmissions during a stall of the acknowledgements of a full flight */
    private static long timeoutsDuringAStall(KcpConfig config) {
        Pair p = new Pair(config);
        long now = 0;
        for (int i = 0; i < 10; i++) { // RTT samples of 20 ms
            now = p.exchange(now);
        }
        for (int i = 0; i < FLIGHT; i++) {
            p.sender.send(new byte[1_000], 0, 1_000);
        }
        p.sender.flush(now);
        Pair.deliver(p.toReceiver, p.receiver, now + ONE_WAY_MICROS);
        p.receiver.flush(now + ONE_WAY_MICROS); // its acknowledgements are held for the stall
        List<byte[]> heldAcks = new ArrayList<>(p.toSender);
        p.toSender.clear();
        long before = p.sender.stats().timeoutRetransmissions();
        long end = now + STALL_MICROS;
        for (long t = now + MILLI; t <= end; t += MILLI) {
            p.sender.update(t);
        }
        long timeouts = p.sender.stats().timeoutRetransmissions() - before;
        Pair.deliver(heldAcks, p.sender, end);
        p.toReceiver.clear(); // the probes' copies arrive after the originals: duplicates
        for (long t = end; t <= end + 100 * MILLI; t += MILLI) {
            p.sender.update(t);
        }
        assertThat(drain(p.receiver)).as("messages delivered").isEqualTo(FLIGHT);
        assertThat(p.sender.waitingToSend()).as("segments still waiting after the stall").isZero();
        return timeouts;
    }

    private static KcpConfig config(boolean modern) {
        return KcpConfig.defaults().withNodelay(1, 10, 2).withMinRtoMillis(MIN_RTO_MILLIS).withWindows(256, 256)
                .withTimeLossDetection(modern);
    }

    @Test
    void inModernModeAStallCostsOneTimeoutRetransmissionPerTimeoutNotOnePerSegment() {
        long timeouts = timeoutsDuringAStall(config(true));

        // at most one probe per minimum RTO of the stall, however many segments the flight held
        assertThat(timeouts).isPositive().isLessThanOrEqualTo(STALL_MICROS / (MIN_RTO_MILLIS * MILLI) + 1);
    }

    @Test
    void theReferenceModeRetransmitsEveryExpiredSegment() {
        assertThat(timeoutsDuringAStall(config(false))).isGreaterThanOrEqualTo(FLIGHT);
    }
}
