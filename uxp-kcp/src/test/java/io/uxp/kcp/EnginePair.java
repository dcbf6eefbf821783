package io.uxp.kcp;

import io.uxp.api.spi.CongestionController;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * A sender and a receiver engine joined by a fixed one-way delay each way, in virtual time stepped every 100 us;
 * the test decides which of the sender's datagrams are lost. The receiver's controller imposes no window.
 */
final class EnginePair {
    /** Decides whether a datagram the sender emits is lost. */
    interface SenderLoss {
        boolean drop(EnginePair pair, byte[] buf, int off, int len);
    }

    private static final long STEP_MICROS = 100;

    private record Datagram(long at, byte[] bytes) {
    }

    final KcpEngine sender;
    final KcpEngine receiver;
    private final ArrayDeque<Datagram> toReceiver = new ArrayDeque<>();
    private final ArrayDeque<Datagram> toSender = new ArrayDeque<>();
    private final byte[] buf = new byte[65_536];
    private long now;

    EnginePair(int conv, KcpConfig config, CongestionController senderController, long oneWayMicros,
            SenderLoss loss) {
        sender = new KcpEngine(conv, config, senderController, (b, o, l) -> {
            if (!loss.drop(this, b, o, l)) {
                toReceiver.add(new Datagram(now + oneWayMicros, Arrays.copyOfRange(b, o, o + l)));
            }
        });
        receiver = new KcpEngine(conv, config, new PacedController(0, 256),
                (b, o, l) -> toSender.add(new Datagram(now + oneWayMicros, Arrays.copyOfRange(b, o, o + l))));
    }

    /** @return the virtual time, microseconds */
    long now() {
        return now;
    }

    /**
     * Runs both engines until {@code until}: deliveries, a flush after each input, updates when due.
     *
     * @return messages the receiver delivered meanwhile
     */
    int runUntil(long until) {
        int n = 0;
        for (; now < until; now += STEP_MICROS) {
            while (!toReceiver.isEmpty() && toReceiver.peek().at() <= now) {
                byte[] d = toReceiver.poll().bytes();
                receiver.input(d, 0, d.length, now);
                receiver.flush(now);
            }
            while (!toSender.isEmpty() && toSender.peek().at() <= now) {
                byte[] d = toSender.poll().bytes();
                sender.input(d, 0, d.length, now);
                sender.flush(now);
            }
            if (sender.check(now) <= now) {
                sender.update(now);
            }
            if (receiver.check(now) <= now) {
                receiver.update(now);
            }
            while (receiver.receive(buf, 0, buf.length) >= 0) {
                n++;
            }
        }
        return n;
    }
}
