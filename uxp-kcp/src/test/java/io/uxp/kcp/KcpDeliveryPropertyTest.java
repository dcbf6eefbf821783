package io.uxp.kcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.testkit.LinkSimulator;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Over a lossy, jittery, duplicating, reordering link, every message arrives exactly once, in order and byte for
 * byte. Each try is a fresh seeded link and transfer; virtual time and steps are bounded, so a stall fails.
 */
class KcpDeliveryPropertyTest {

    private static final int[] MTUS = {64, 200, 576, 1400};
    private static final long MAX_VIRTUAL_MILLIS = 4 * 3_600_000L;
    private static final int MAX_STEPS = 400_000;

    @Property(tries = 1000, shrinking = ShrinkingMode.OFF)
    void everyMessageArrivesOnceInOrderIntactInMessageMode(@ForAll long seed,
            @ForAll @DoubleRange(min = 0, max = 0.30) double loss, @ForAll @IntRange(min = 0, max = 60) int minDelay,
            @ForAll @IntRange(min = 0, max = 120) int jitter, @ForAll @DoubleRange(min = 0, max = 0.05) double dup,
            @ForAll @DoubleRange(min = 0, max = 0.10) double reorder) {
        Transfer t = transfer(seed, loss, minDelay, jitter, dup, reorder, false);

        boolean finished = t.link.run(t.messages, 2 * t.link.a.config().sendWindow(),
                () -> t.link.received.size() >= t.messages.size(), MAX_VIRTUAL_MILLIS, MAX_STEPS);

        assertThat(finished).as("transfer finished within bounds, %s", t).isTrue();
        assertThat(t.link.received).as("%s", t).hasSize(t.messages.size());
        for (int i = 0; i < t.messages.size(); i++) {
            assertThat(t.link.received.get(i)).as("message %d, %s", i, t).isEqualTo(t.messages.get(i));
        }
    }

    @Property(tries = 1000, shrinking = ShrinkingMode.OFF)
    void everyByteArrivesOnceInOrderInStreamMode(@ForAll long seed,
            @ForAll @DoubleRange(min = 0, max = 0.30) double loss, @ForAll @IntRange(min = 0, max = 60) int minDelay,
            @ForAll @IntRange(min = 0, max = 120) int jitter, @ForAll @DoubleRange(min = 0, max = 0.05) double dup,
            @ForAll @DoubleRange(min = 0, max = 0.10) double reorder) {
        Transfer t = transfer(seed, loss, minDelay, jitter, dup, reorder, true);
        byte[] expected = concat(t.messages);

        boolean finished = t.link.run(t.messages, 2 * t.link.a.config().sendWindow(),
                () -> concat(t.link.received).length >= expected.length, MAX_VIRTUAL_MILLIS, MAX_STEPS);

        assertThat(finished).as("transfer finished within bounds, %s", t).isTrue();
        assertThat(concat(t.link.received)).as("%s", t).isEqualTo(expected);
    }

    private record Transfer(KcpLink link, List<byte[]> messages, String description) {
        @Override
        public String toString() {
            return description;
        }
    }

    private static Transfer transfer(long seed, double loss, int minDelay, int jitter, double dup, double reorder,
            boolean stream) {
        SplittableRandom r = new SplittableRandom(seed);
        int mtu = MTUS[r.nextInt(MTUS.length)];
        boolean nodelay = r.nextBoolean();
        KcpConfig config = KcpConfig.defaults().withMtuBytes(mtu).withWindows(r.nextInt(4, 65), r.nextInt(16, 129))
                .withNodelay(nodelay, r.nextInt(5, 41), r.nextInt(0, 4)).withStreamMode(stream)
                .withDeadLinkThreshold(Integer.MAX_VALUE);
        boolean cc = r.nextBoolean();
        // start the clock anywhere, including just below 2^32, so wire timestamps wrap during some runs
        long start = r.nextBoolean() ? r.nextLong(0, 1L << 40) : (1L << 32) - r.nextInt(1, 5000);
        LinkSimulator sim = LinkSimulator.builder().seed(seed).loss(loss).delay(minDelay, minDelay + jitter)
                .duplicate(dup).reorder(reorder).build();
        KcpLink link = new KcpLink(sim, config, cc, start);
        int count = r.nextInt(5, 25);
        int maxLen = Math.min(3 * config.mssBytes(), config.mssBytes() * Math.min(config.receiveWindow(), 255));
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] m = new byte[r.nextInt(0, maxLen + 1)];
            r.nextBytes(m);
            messages.add(m);
        }
        String description = String.format("seed=%d loss=%.3f delay=%d..%d dup=%.3f reorder=%.3f %s cc=%s start=%d",
                seed, loss, minDelay, minDelay + jitter, dup, reorder, config, cc, start);
        return new Transfer(link, messages, description);
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
