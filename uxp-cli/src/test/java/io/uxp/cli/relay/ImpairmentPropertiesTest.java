package io.uxp.cli.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class ImpairmentPropertiesTest {

    @Property(tries = 200)
    void countersAddUpAndDelaysStayWithinTheirBounds(@ForAll @DoubleRange(min = 0, max = 1) double loss,
            @ForAll @DoubleRange(min = 0, max = 1) double reorder, @ForAll @DoubleRange(min = 0, max = 1) double duplicate,
            @ForAll @IntRange(min = 0, max = 50) int delayMillis, @ForAll @IntRange(min = 0, max = 50) int jitterMillis,
            @ForAll long seed) {
        ImpairmentSpec spec = new ImpairmentSpec(loss, Duration.ofMillis(delayMillis), Duration.ofMillis(jitterMillis),
                reorder, duplicate, 0);
        Impairment impairment = new Impairment(spec, seed, new DirectionStats("p"));
        long maxDelay = Duration.ofMillis(delayMillis + jitterMillis).plus(spec.reorderHold()).toNanos();
        long[] delays = new long[Impairment.MAX_COPIES];
        long sent = 0;
        long dropped = 0;
        long doubled = 0;
        for (int i = 0; i < 100; i++) {
            int copies = impairment.apply(new byte[20], 0, 20, delays);
            assertThat(copies).isBetween(0, 2);
            dropped += copies == 0 ? 1 : 0;
            doubled += copies == 2 ? 1 : 0;
            sent += copies;
            for (int k = 0; k < copies; k++) {
                assertThat(delays[k]).isBetween(0L, maxDelay);
            }
        }
        DirectionStats stats = impairment.stats();
        assertThat(stats.received()).isEqualTo(100);
        assertThat(stats.dropped()).isEqualTo(dropped);
        assertThat(stats.duplicated()).isEqualTo(doubled);
        assertThat(stats.received() - stats.dropped() + stats.duplicated()).isEqualTo(sent);
        assertThat(stats.reordered()).isLessThanOrEqualTo(sent);
    }
}
