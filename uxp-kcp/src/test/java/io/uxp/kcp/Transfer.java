package io.uxp.kcp;

import io.uxp.testkit.LinkSimulator;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Test fixture: a random but seeded transfer (engine settings, start time, messages) over an impaired link, and
 * the checks that everything arrived exactly once, in order, intact. Virtual time and steps are bounded.
 */
final class Transfer {
    private static final int[] MTUS = {64, 200, 576, 1400};
    private static final long MAX_VIRTUAL_MILLIS = 4 * 3_600_000L;
    private static final int MAX_STEPS = 400_000;

    final KcpLink link;
    final List<byte[]> messages = new ArrayList<>();
    final String description;

    Transfer(long seed, double loss, int minDelay, int jitter, double dup, double reorder, boolean stream) {
        this(seed, loss, minDelay, jitter, dup, reorder, stream, false);
    }

    /**
     * @param modern whether to run the engines in modern mode (time-based loss detection, a random reordering-window
     *     floor) under a {@link PacedController} with a random pacing rate and window, instead of the reference mode
     */
    Transfer(long seed, double loss, int minDelay, int jitter, double dup, double reorder, boolean stream,
            boolean modern) {
        SplittableRandom r = new SplittableRandom(seed);
        int mtu = MTUS[r.nextInt(MTUS.length)];
        KcpConfig config = KcpConfig.defaults().withMtuBytes(mtu).withWindows(r.nextInt(4, 65), r.nextInt(16, 129))
                .withNodelay(r.nextBoolean(), r.nextInt(5, 41), r.nextInt(0, 4)).withStreamMode(stream)
                .withDeadLinkThreshold(Integer.MAX_VALUE);
        boolean cc = r.nextBoolean();
        // start the clock anywhere, including just below 2^32, so wire timestamps wrap during some runs
        long start = r.nextBoolean() ? r.nextLong(0, 1L << 40) : (1L << 32) - r.nextInt(1, 5000);
        LinkSimulator sim = LinkSimulator.builder().seed(seed).loss(loss).delay(minDelay, minDelay + jitter)
                .duplicate(dup).reorder(reorder).build();
        String pacing = "";
        if (modern) {
            config = config.withTimeLossDetection(true).withReorderWindowMinMillis(r.nextInt(0, 40));
            long rate = r.nextLong(20_000, 4_000_000);
            int window = r.nextBoolean() ? Integer.MAX_VALUE : r.nextInt(1, 64);
            pacing = "paced=" + rate + "B/s cwnd=" + window;
            link = new KcpLink(sim, config, new PacedController(rate, window), new PacedController(rate, window),
                    KcpLink.MICROS_PER_MILLI, start * KcpLink.MICROS_PER_MILLI);
            cc = false;
        } else {
            link = new KcpLink(sim, config, cc, start);
        }
        if (r.nextInt(4) == 0) {
            // a quarter of the runs also wrap the 32-bit sequence numbers
            int sn = -r.nextInt(1, 40);
            link.a.startSequenceAt(sn);
            link.b.startSequenceAt(sn);
        }
        int count = r.nextInt(5, 25);
        int maxLen = Math.min(3 * config.mssBytes(), link.a.maxMessageBytes());
        for (int i = 0; i < count; i++) {
            byte[] m = new byte[r.nextInt(0, maxLen + 1)];
            r.nextBytes(m);
            messages.add(m);
        }
        description = String.format("seed=%d loss=%.3f delay=%d..%d dup=%.3f reorder=%.3f %s cc=%s start=%d %s",
                seed, loss, minDelay, minDelay + jitter, dup, reorder, config, cc, start,
                pacing);
    }

    /** Runs the transfer and throws an {@link AssertionError} naming the setup unless all arrived intact. */
    void runAndVerify() {
        boolean stream = link.a.config().streamMode();
        byte[] expected = concat(messages);
        int queueLimit = 2 * link.a.config().sendWindow();
        boolean finished = stream
                ? link.run(messages, queueLimit, () -> receivedBytes() >= expected.length, MAX_VIRTUAL_MILLIS,
                        MAX_STEPS)
                : link.run(messages, queueLimit, () -> link.received.size() >= messages.size(), MAX_VIRTUAL_MILLIS,
                        MAX_STEPS);
        check(finished, "did not finish within bounds");
        if (stream) {
            check(java.util.Arrays.equals(concat(link.received), expected), "stream bytes differ");
        } else {
            check(link.received.size() == messages.size(), "received " + link.received.size() + " messages");
            for (int i = 0; i < messages.size(); i++) {
                check(java.util.Arrays.equals(link.received.get(i), messages.get(i)), "message " + i + " differs");
            }
        }
    }

    private long receivedBytes() {
        long n = 0;
        for (byte[] b : link.received) {
            n += b.length;
        }
        return n;
    }

    private void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what + ": " + description);
        }
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return description;
    }
}
