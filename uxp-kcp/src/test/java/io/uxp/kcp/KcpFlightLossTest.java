package io.uxp.kcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.spi.AckSample;
import io.uxp.api.spi.CongestionController;
import io.uxp.api.spi.LossSample;
import java.util.ArrayDeque;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A whole flight of small messages lost at once (a socket buffer overflowing when many flows start together, a radio dropping out)
 * under a controller that answers a timeout by holding its window at what is in flight, as bbr does. The lost
 * flight still counts as in flight until an acknowledgement lets RACK judge it, so the one timeout retransmission
 * of a flush must leave whatever the window says: held back, the flight drained one timeout per RTO (100 segments,
 * 40 s stalls in the runtime's many-clients test).
 */
class KcpFlightLossTest {
    private static final int CONV = 11;
    private static final long MILLI = 1_000;
    private static final long ONE_WAY = 10 * MILLI;
    private static final int FLIGHT = 100;
    private static final int MESSAGE = 100;
    private static final int MSS = 1_400;

    /**
     * Window of segments: 256, held after a timeout at the bytes in flight over the MSS (bbr's cap, which counts
     * full segments: a flight of small messages holds more segments than the window then allows), grown by one
     * per 1,000 bytes acknowledged.
     */
    private static final class ConservingController implements CongestionController {
        int window = 256;
        int timeouts;

        @Override
        public int congestionWindow() {
            return window;
        }

        @Override
        public long pacingRate() {
            return 0;
        }

        @Override
        public int slowStartThreshold() {
            return 0;
        }

        @Override
        public void onSent(long nowMicros, int bytes, boolean retransmission) {
        }

        @Override
        public void onAcknowledged(AckSample ack) {
            window = (int) Math.min(256, window + ack.ackedBytes() / 1_000);
        }

        @Override
        public void onLost(LossSample loss) {
            if (loss.cause() == LossSample.Cause.TIMEOUT) {
                timeouts++;
                window = (int) Math.max(4, loss.bytesInFlight() / MSS);
            }
        }
    }

    private record Datagram(long at, byte[] bytes) {
    }

    @Test
    void aWholeLostFlightIsRecoveredWithinAFewRoundTripsOfTheFirstTimeout() {
        KcpConfig config = KcpConfig.defaults().withNodelay(1, 10, 2).withWindows(1024, 1024)
                .withTimeLossDetection(true);
        ConservingController cc = new ConservingController();
        ArrayDeque<Datagram> toReceiver = new ArrayDeque<>();
        ArrayDeque<Datagram> toSender = new ArrayDeque<>();
        long[] now = {0};
        boolean[] blackout = {false};
        KcpEngine[] self = new KcpEngine[1];
        KcpEngine sender = new KcpEngine(CONV, config, cc, (b, o, l) -> {
            if (blackout[0]) {
                // the outage outlasts the first RTO: the flight and the first timeout probe are lost
                blackout[0] = self[0].stats().timeoutRetransmissions() == 0;
                return;
            }
            toReceiver.add(new Datagram(now[0] + ONE_WAY, Arrays.copyOfRange(b, o, o + l)));
        });
        self[0] = sender;
        KcpEngine receiver = new KcpEngine(CONV, config, new PacedController(0, 256),
                (b, o, l) -> toSender.add(new Datagram(now[0] + ONE_WAY, Arrays.copyOfRange(b, o, o + l))));
        byte[] buf = new byte[2_000];
        int delivered = 0;
        // RTT samples first: 20 messages one after the other
        for (int i = 0; i < 20; i++) {
            sender.send(new byte[100], 0, 100);
            delivered += run(sender, receiver, toReceiver, toSender, now, now[0] + 2 * ONE_WAY + MILLI, buf);
        }
        assertThat(delivered).isEqualTo(20);
        for (int i = 0; i < FLIGHT; i++) {
            sender.send(new byte[MESSAGE], 0, MESSAGE);
        }
        blackout[0] = true;
        sender.flush(now[0]); // the whole flight goes, and is lost
        long lostAt = now[0];
        long allBack = -1;
        int flight = 0;
        while (now[0] - lostAt < 60_000 * MILLI && allBack < 0) {
            flight += run(sender, receiver, toReceiver, toSender, now, now[0] + MILLI, buf);
            if (flight == FLIGHT) {
                allBack = now[0];
            }
        }
        System.out.printf("whole flight lost: all %d segments delivered %d ms later, %d timeout retransmissions, "
                + "%d by RACK%n", FLIGHT, (allBack - lostAt) / MILLI, sender.stats().timeoutRetransmissions(),
                sender.stats().fastRetransmissions());
        assertThat(allBack).as("every segment delivered").isPositive();
        // two RTOs (the lost probe's, then the next, grown by half), the probe's round trip, the window's growth
        assertThat(allBack - lostAt).as("recovery time in virtual microseconds").isLessThan(1_000 * MILLI);
        assertThat(sender.stats().timeoutRetransmissions()).as("timeout retransmissions").isLessThanOrEqualTo(3);
    }

    /** Runs both engines in 100 us steps until {@code until}; @return messages the receiver delivered meanwhile */
    private static int run(KcpEngine sender, KcpEngine receiver, ArrayDeque<Datagram> toReceiver,
            ArrayDeque<Datagram> toSender, long[] now, long until, byte[] buf) {
        int n = 0;
        for (; now[0] < until; now[0] += 100) {
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
                n++;
            }
        }
        return n;
    }
}
