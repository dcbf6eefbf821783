package io.uxp.cc.bbr.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.testkit.LinkSimulator;
import io.uxp.testkit.LinkSimulatorBuilder;
import io.uxp.testkit.LinkSimulator.Side;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Property 4: whatever the link does (random loss up to 10% each way, one-way delay 1..50 ms with jitter,
 * optional reordering and duplication, behind a bottleneck), BBR over KCP delivers every byte exactly once, in
 * order: {@link SimFlow} checks each message against the one expected next.
 */
class BbrDeliveryPropertyTest {
    private static final long RATE_BITS_PER_SECOND = 20_000_000L;
    /** Messages per flow: 400 x 4 full segments, about 2 MiB. */
    private static final long MESSAGES = 400;
    private static final long VIRTUAL_LIMIT_MICROS = 120_000_000L;
    private static final long MAX_STEPS = 20_000_000L;
    private static final int MIN_QUEUE_BYTES = 64 * 1024;

    @Property(tries = 30, seed = "20261201")
    void everyByteArrivesExactlyOnceInOrderWhateverTheLinkDoes(@ForAll long seed,
            @ForAll @DoubleRange(min = 0, max = 0.10) double loss, @ForAll @IntRange(min = 1, max = 50) int delayMillis,
            @ForAll @IntRange(min = 0, max = 10) int jitterMillis, @ForAll boolean reorder, @ForAll boolean duplicate,
            @ForAll @IntRange(min = 1, max = 2) int flows) {
        long baseRttMicros = 2L * delayMillis * 1000;
        int queue = Math.max(MIN_QUEUE_BYTES, SimScenario.bdpBytes(RATE_BITS_PER_SECOND, baseRttMicros));
        LinkSimulatorBuilder b = LinkSimulator.builder().seed(seed).loss(loss)
                .delay(delayMillis, delayMillis + jitterMillis).bottleneck(Side.A, RATE_BITS_PER_SECOND, queue);
        if (reorder) {
            b.reorder(0.02, 2 * delayMillis);
        }
        if (duplicate) {
            b.duplicate(0.02);
        }
        long[] starts = flows == 1 ? new long[] {0} : new long[] {0, 500_000};
        Dumbbell net = new Dumbbell(b.build(), SimScenario.runtimeLikeConfig(), SimScenario.provider(), starts, seed,
                MESSAGES);

        boolean done = net.runUntilDelivered(VIRTUAL_LIMIT_MICROS, MAX_STEPS);

        System.out.printf("property 4 seed %d loss %.3f delay %d+%d ms reorder %b duplicate %b flows %d: %s at %.2f s"
                + " virtual, %d steps%n", seed, loss, delayMillis, jitterMillis, reorder, duplicate, flows,
                done ? "all delivered" : "NOT all delivered", net.nowMicros() / 1e6, net.steps());
        assertThat(done).as("every message delivered within %d s virtual", VIRTUAL_LIMIT_MICROS / 1_000_000).isTrue();
        for (SimFlow f : net.flows) {
            assertThat(f.messagesReceived()).isEqualTo(MESSAGES);
            assertThat(f.payloadBytesReceived()).isEqualTo(MESSAGES * f.messageBytes());
        }
    }
}
