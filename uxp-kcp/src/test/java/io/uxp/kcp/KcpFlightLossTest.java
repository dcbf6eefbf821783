package io.uxp.kcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.spi.AckSample;
import io.uxp.api.spi.CongestionController;
import io.uxp.api.spi.LossSample;
import org.junit.jupiter.api.Test;

/**
 * A whole flight of small messages lost at once (a socket buffer overflowing when many flows start together, a
 * radio dropping out), the first timeout probe too, under a controller that answers a timeout by holding its
 * window at the bytes in flight over the MSS, as bbr does. The lost flight still counts as in flight until an
 * acknowledgement lets RACK judge it, so the one timeout retransmission of a flush must leave whatever the window
 * says: held back, the flight drained one timeout per RTO (27-47 s stalls of the runtime's many-clients test).
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

    @Test
    void aWholeLostFlightIsRecoveredWithinAFewRoundTripsOfTheFirstTimeout() {
        KcpConfig config = KcpConfig.defaults().withNodelay(1, 10, 2).withWindows(1024, 1024)
                .withTimeLossDetection(true);
        ConservingController cc = new ConservingController();
        boolean[] blackout = {false};
        EnginePair link = new EnginePair(CONV, config, cc, ONE_WAY, (pair, b, o, l) -> {
            if (blackout[0]) {
                // the outage outlasts the first RTO: the flight and the first timeout probe are lost
                blackout[0] = pair.sender.stats().timeoutRetransmissions() == 0;
                return true;
            }
            return false;
        });
        KcpEngine sender = link.sender;
        int delivered = 0;
        // RTT samples first: 20 messages one after the other
        for (int i = 0; i < 20; i++) {
            sender.send(new byte[100], 0, 100);
            delivered += link.runUntil(link.now() + 2 * ONE_WAY + MILLI);
        }
        assertThat(delivered).isEqualTo(20);
        for (int i = 0; i < FLIGHT; i++) {
            sender.send(new byte[MESSAGE], 0, MESSAGE);
        }
        blackout[0] = true;
        sender.flush(link.now()); // the whole flight goes, and is lost
        long lostAt = link.now();
        long allBack = -1;
        int flight = 0;
        while (link.now() - lostAt < 60_000 * MILLI && allBack < 0) {
            flight += link.runUntil(link.now() + MILLI);
            if (flight == FLIGHT) {
                allBack = link.now();
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
}
