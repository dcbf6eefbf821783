package io.uxp.cli.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImpairmentTest {

    private static final int DATAGRAMS = 10_000;

    @Test
    void halfLossDropsAboutHalfWithinBinomialBounds() {
        Impairment impairment = new Impairment(ImpairmentSpec.of(0.5, Duration.ZERO, Duration.ZERO), 42,
                new DirectionStats("test"));
        int dropped = 0;
        long[] delays = new long[Impairment.MAX_COPIES];
        for (int i = 0; i < DATAGRAMS; i++) {
            if (impairment.apply(new byte[100], 0, 100, delays) == 0) {
                dropped++;
            }
        }
        // Binomial(n=10000, p=0.5): mean 5000, standard deviation sqrt(n p (1-p)) = 50; 6 sigma either side
        assertThat(dropped).isBetween(5000 - 300, 5000 + 300);
        assertThat(impairment.stats().dropped()).isEqualTo(dropped);
        assertThat(impairment.stats().received()).isEqualTo(DATAGRAMS);
    }

    @Test
    void theSameSeedMakesTheSameDecisionsAndAnotherSeedDoesNot() {
        ImpairmentSpec spec = new ImpairmentSpec(0.3, Duration.ofMillis(5), Duration.ofMillis(3), 0.1, 0.1, 0.1);
        String a = decisions(spec, 7);
        String b = decisions(spec, 7);
        String c = decisions(spec, 8);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    private static String decisions(ImpairmentSpec spec, long seed) {
        Impairment impairment = new Impairment(spec, seed, new DirectionStats("test"));
        StringBuilder sb = new StringBuilder();
        long[] delays = new long[Impairment.MAX_COPIES];
        for (int i = 0; i < 1000; i++) {
            byte[] data = new byte[64];
            int copies = impairment.apply(data, 0, data.length, delays);
            sb.append(copies).append(Arrays.hashCode(data));
            for (int k = 0; k < copies; k++) {
                sb.append(',').append(delays[k]);
            }
            sb.append(';');
        }
        return sb.toString();
    }

    @Test
    void corruptionFlipsExactlyOneBitOfTheDatagram() {
        Impairment impairment = new Impairment(new ImpairmentSpec(0, Duration.ZERO, Duration.ZERO, 0, 0, 1), 3,
                new DirectionStats("test"));
        long[] delays = new long[Impairment.MAX_COPIES];
        for (int i = 0; i < 100; i++) {
            byte[] data = new byte[32];
            Arrays.fill(data, (byte) 0x5A);
            assertThat(impairment.apply(data, 0, data.length, delays)).isEqualTo(1);
            int flipped = 0;
            for (byte b : data) {
                flipped += Integer.bitCount((b ^ 0x5A) & 0xFF);
            }
            assertThat(flipped).isEqualTo(1);
        }
        assertThat(impairment.stats().corrupted()).isEqualTo(100);
    }

    @Test
    void noImpairmentForwardsOneUndelayedUnchangedCopy() {
        Impairment impairment = new Impairment(ImpairmentSpec.NONE, 1, new DirectionStats("test"));
        long[] delays = {-1, -1};
        byte[] data = {1, 2, 3};
        assertThat(impairment.apply(data, 0, 3, delays)).isEqualTo(1);
        assertThat(delays[0]).isZero();
        assertThat(data).containsExactly(1, 2, 3);
        assertThat(ImpairmentSpec.NONE.impairs()).isFalse();
    }

    @Test
    void delayWithJitterStaysWithinItsBoundsAndDuplicatesGetTwoCopies() {
        Impairment impairment = new Impairment(
                new ImpairmentSpec(0, Duration.ofMillis(20), Duration.ofMillis(5), 0, 1, 0), 9,
                new DirectionStats("test"));
        long[] delays = new long[Impairment.MAX_COPIES];
        for (int i = 0; i < 1000; i++) {
            assertThat(impairment.apply(new byte[10], 0, 10, delays)).isEqualTo(2);
            assertThat(delays[0]).isBetween(15_000_000L, 25_000_000L);
            assertThat(delays[1]).isBetween(15_000_000L, 25_000_000L);
        }
        assertThat(impairment.stats().duplicated()).isEqualTo(1000);
    }

    @Test
    void reorderedDatagramsAreHeldBackAtLeastTenMilliseconds() {
        Impairment impairment = new Impairment(new ImpairmentSpec(0, Duration.ZERO, Duration.ZERO, 1, 0, 0), 5,
                new DirectionStats("test"));
        long[] delays = new long[Impairment.MAX_COPIES];
        impairment.apply(new byte[10], 0, 10, delays);
        assertThat(delays[0]).isEqualTo(Duration.ofMillis(10).toNanos());
        assertThat(impairment.stats().reordered()).isEqualTo(1);
    }

    @Test
    void dropsDoNotShiftTheDecisionsAboutLaterDatagrams() {
        Duration jitter = Duration.ofMillis(4);
        Impairment lossless = new Impairment(new ImpairmentSpec(0, Duration.ZERO, jitter, 0.2, 0.3, 0), 11,
                new DirectionStats("a"));
        Impairment lossy = new Impairment(new ImpairmentSpec(0.5, Duration.ZERO, jitter, 0.2, 0.3, 0), 11,
                new DirectionStats("b"));
        long[] a = new long[Impairment.MAX_COPIES];
        long[] b = new long[Impairment.MAX_COPIES];
        int compared = 0;
        for (int i = 0; i < 1000; i++) {
            int copiesA = lossless.apply(new byte[40 + i % 7], 0, 40 + i % 7, a);
            int copiesB = lossy.apply(new byte[40 + i % 7], 0, 40 + i % 7, b);
            if (copiesB > 0) {
                assertThat(copiesB).isEqualTo(copiesA);
                assertThat(b[0]).isEqualTo(a[0]);
                compared++;
            }
        }
        assertThat(compared).isBetween(400, 600);
    }
}
