package io.uxp.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.uxp.testkit.LinkSimulator.Side;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkSimulatorBottleneckTest {

    private static final long TEN_MBIT = 10_000_000L;
    private static final int KILOBYTE = 1000;
    /** 1000 bytes at 10 Mbit/s: 8000 bits / 10 bits per microsecond. */
    private static final long KILOBYTE_AT_TEN_MBIT_MICROS = 800;

    /**
     * SHA-256 of {@link #trace} over the impaired link of {@link #impairedWithoutBottleneck}, recorded with the
     * simulator as it was before bottlenecks and microseconds existed (commit 50eb349).
     */
    private static final String TRACE_BEFORE_BOTTLENECKS =
            "7992c7ef72731f25412b7c613c7f3e45cb881f397d0d9b15a162f18122342e18";

    private static LinkSimulatorBuilder impairedWithoutBottleneck() {
        return LinkSimulator.builder().seed(42).loss(0.2).delay(5, 40).duplicate(0.1).reorder(0.1).corrupt(0.05)
                .loss(Side.B, 0.3);
    }

    /** Every delivery as {@code millis:side:hex}, sending one datagram every 2 ms, alternating sides. */
    private static List<String> trace(LinkSimulator sim, int datagrams, boolean micros) {
        List<String> out = new ArrayList<>();
        long[] now = {0};
        LinkSimulator.Receiver record = (to, buf, off, len) -> out.add(now[0] + ":" + to + ":"
                + HexFormat.of().formatHex(buf, off, off + len));
        for (int i = 0; i < datagrams; i++) {
            byte[] d = {(byte) i, (byte) (i >> 8), 2, 3, 4, 5, 6, 7};
            Side from = i % 3 == 0 ? Side.B : Side.A;
            if (micros) {
                sim.sendMicros(from, d, 0, d.length, now[0] * 1000);
            } else {
                sim.send(from, d, 0, d.length, now[0]);
            }
            now[0] += 2;
            deliver(sim, now[0], micros, record);
        }
        for (int step = 0; step < 100_000 && sim.inFlight() > 0; step++) {
            now[0] = micros ? ceilDiv(sim.nextDeliveryMicros(), 1000) : sim.nextDeliveryMillis();
            deliver(sim, now[0], micros, record);
        }
        return out;
    }

    private static void deliver(LinkSimulator sim, long millis, boolean micros, LinkSimulator.Receiver r) {
        if (micros) {
            sim.deliverDueMicros(millis * 1000, r);
        } else {
            sim.deliverDue(millis, r);
        }
    }

    /** {@code Math.ceilDiv} arrived in Java 18; this module targets 17. */
    private static long ceilDiv(long x, long y) {
        return -Math.floorDiv(-x, y);
    }

    private static String sha256(List<String> lines) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        return HexFormat.of().formatHex(md.digest(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)));
    }

    /** Sends {@code count} datagrams of {@code len} bytes from A at one instant. */
    private static void burst(LinkSimulator sim, int count, int len, long nowMicros) {
        for (int i = 0; i < count; i++) {
            sim.sendMicros(Side.A, new byte[len], 0, len, nowMicros);
        }
    }

    private static List<Long> deliveryTimesMicros(LinkSimulator sim) {
        List<Long> times = new ArrayList<>();
        for (int step = 0; step < 100_000 && sim.inFlight() > 0; step++) {
            long due = sim.nextDeliveryMicros();
            sim.deliverDueMicros(due, (to, buf, off, len) -> times.add(due));
        }
        return times;
    }

    @Test
    void withoutABottleneckTheSameSeedDeliversExactlyWhatItDidBeforeBottlenecksExisted() throws Exception {
        assertThat(sha256(trace(impairedWithoutBottleneck().build(), 2000, false)))
                .isEqualTo(TRACE_BEFORE_BOTTLENECKS);
        assertThat(sha256(trace(impairedWithoutBottleneck().bottleneck(0, 0).build(), 2000, false)))
                .isEqualTo(TRACE_BEFORE_BOTTLENECKS);
    }

    @Test
    void theMicrosecondAndMillisecondMethodsGiveTheSameDeliveries() {
        assertThat(trace(impairedWithoutBottleneck().build(), 2000, true))
                .isEqualTo(trace(impairedWithoutBottleneck().build(), 2000, false));
        assertThat(trace(impairedWithoutBottleneck().bottleneck(TEN_MBIT, 4000).build(), 2000, true))
                .isEqualTo(trace(impairedWithoutBottleneck().bottleneck(TEN_MBIT, 4000).build(), 2000, false));
    }

    @Test
    void theNextDeliveryInMillisecondsIsTheMicrosecondRoundedUp() {
        LinkSimulator sim = LinkSimulator.builder().bottleneck(TEN_MBIT, 10 * KILOBYTE).build();
        burst(sim, 2, KILOBYTE, 0);
        assertThat(sim.nextDeliveryMicros()).isEqualTo(800);
        assertThat(sim.nextDeliveryMillis()).isEqualTo(1);
        assertThat(sim.deliverDue(0, (to, buf, off, len) -> { })).isZero();
        assertThat(sim.deliverDue(1, (to, buf, off, len) -> { })).isOne();
        assertThat(sim.nextDeliveryMicros()).isEqualTo(1600);
        assertThat(sim.nextDeliveryMillis()).isEqualTo(2);
    }

    @Test
    void aBurstDepartsSpacedByTheSerializationTimeOfEachDatagram() {
        LinkSimulator sim = LinkSimulator.builder().delay(20, 20).bottleneck(TEN_MBIT, 100 * KILOBYTE).build();
        burst(sim, 50, KILOBYTE, 1_000_000);
        List<Long> expected = new ArrayList<>();
        for (int k = 1; k <= 50; k++) {
            expected.add(1_000_000 + k * KILOBYTE_AT_TEN_MBIT_MICROS + 20_000);
        }
        assertThat(deliveryTimesMicros(sim)).isEqualTo(expected);
    }

    @Test
    void departuresDoNotDriftWhenASerializationTimeIsNotAWholeMicrosecond() {
        // 1001 bytes at 3 Mbit/s: 8008 / 3 us = 2669.33 us each; the k-th leaves at ceil(k * 8008 / 3)
        LinkSimulator sim = LinkSimulator.builder().bottleneck(3_000_000, 10_000_000).build();
        for (int i = 0; i < 3000; i++) {
            sim.sendMicros(Side.A, new byte[1001], 0, 1001, 0);
        }
        List<Long> times = deliveryTimesMicros(sim);
        assertThat(times).hasSize(3000);
        for (int k = 1; k <= 3000; k++) {
            assertThat(times.get(k - 1)).as("departure %d", k).isEqualTo(ceilDiv(k * 8008L, 3));
        }
    }

    @Test
    void anIdleBottleneckPassesADatagramAfterItsOwnSerializationTimeOnly() {
        LinkSimulator sim = LinkSimulator.builder().bottleneck(TEN_MBIT, 10 * KILOBYTE).build();
        burst(sim, 1, KILOBYTE, 0);
        burst(sim, 1, KILOBYTE, 5_000);
        assertThat(deliveryTimesMicros(sim)).containsExactly(800L, 5_800L);
    }

    @Test
    void theQueueLimitDropsExactlyTheOverflowAndCountsItApartFromLoss() {
        LinkSimulator sim = LinkSimulator.builder().bottleneck(TEN_MBIT, 5 * KILOBYTE).build();
        burst(sim, 8, KILOBYTE, 0);
        assertThat(sim.queueDrops(Side.A)).isEqualTo(3);
        assertThat(sim.queueDrops()).isEqualTo(3);
        assertThat(sim.lost()).isZero();
        assertThat(sim.sent(Side.A)).isEqualTo(8);
        assertThat(sim.queuedBytes(Side.A, 0)).isEqualTo(5 * KILOBYTE);
        assertThat(sim.peakQueuedBytes(Side.A)).isEqualTo(5 * KILOBYTE);
        assertThat(sim.queuedBytes(Side.A, 799)).isEqualTo(5 * KILOBYTE);
        assertThat(sim.queuedBytes(Side.A, 800)).isEqualTo(4 * KILOBYTE);
        burst(sim, 2, KILOBYTE, 800);
        assertThat(sim.queueDrops(Side.A)).isEqualTo(4);
        assertThat(deliveryTimesMicros(sim)).hasSize(6).last().isEqualTo(6 * KILOBYTE_AT_TEN_MBIT_MICROS);
        assertThat(sim.delivered(Side.A)).isEqualTo(6);
        assertThat(sim.queuedBytes(Side.A, 4_800)).isZero();
        assertThat(sim.peakQueuedBytes(Side.A)).isEqualTo(5 * KILOBYTE);
    }

    @Test
    void aLongSaturatedRunDeliversTheBottleneckRateWithinATenthOfAPercent() {
        long rate = 50_000_000L;
        int len = 1_397;
        LinkSimulator sim = LinkSimulator.builder().seed(9).delay(20, 20).bottleneck(rate, 64 * KILOBYTE).build();
        long windowStart = 1_000_000;
        long windowEnd = 11_000_000;
        long[] bytesInWindow = {0};
        byte[] d = new byte[len];
        // offer 1.2x the rate: a datagram every len * 8 / (1.2 * rate) us
        long gapMicros = len * 8L * 1_000_000 / (rate * 12 / 10);
        for (long now = 0; now <= windowEnd; now += gapMicros) {
            sim.sendMicros(Side.A, d, 0, len, now);
            long t = now;
            sim.deliverDueMicros(t, (to, buf, off, n) -> {
                if (t > windowStart) {
                    bytesInWindow[0] += n;
                }
            });
        }
        double bitsPerSecond = bytesInWindow[0] * 8.0 / ((windowEnd - windowStart) / 1e6);
        assertThat(bitsPerSecond).isCloseTo(rate, org.assertj.core.data.Percentage.withPercentage(0.1));
        assertThat(sim.queueDrops(Side.A)).isPositive();
        assertThat(sim.lost()).isZero();
    }

    @Test
    void randomLossComesAfterTheBottleneckSoTheQueueSeesEveryDatagram() {
        LinkSimulator sim = LinkSimulator.builder().loss(1.0).bottleneck(TEN_MBIT, 3 * KILOBYTE).build();
        burst(sim, 5, KILOBYTE, 0);
        assertThat(sim.queuedBytes(Side.A, 0)).isEqualTo(3 * KILOBYTE);
        assertThat(sim.queueDrops(Side.A)).isEqualTo(2);
        assertThat(sim.lost(Side.A)).isEqualTo(3);
        assertThat(sim.inFlight()).isZero();
    }

    @Test
    void aBottleneckOnOneSideLeavesTheOtherDirectionUntouched() {
        LinkSimulator sim = LinkSimulator.builder().bottleneck(Side.A, TEN_MBIT, 2 * KILOBYTE).build();
        burst(sim, 3, KILOBYTE, 0);
        for (int i = 0; i < 3; i++) {
            sim.sendMicros(Side.B, new byte[KILOBYTE], 0, KILOBYTE, 0);
        }
        assertThat(sim.bottleneck(Side.A)).isEqualTo(new Bottleneck(TEN_MBIT, 2 * KILOBYTE));
        assertThat(sim.bottleneck(Side.B)).isEqualTo(Bottleneck.NONE);
        assertThat(sim.queueDrops(Side.A)).isOne();
        assertThat(sim.queueDrops(Side.B)).isZero();
        assertThat(sim.deliverDueMicros(0, (to, buf, off, len) -> assertThat(to).isEqualTo(Side.A))).isEqualTo(3);
        assertThat(sim.delivered(Side.B)).isEqualTo(3);
        assertThat(sim.delivered(Side.A)).isZero();
    }

    @Test
    void invalidBottlenecksAreRefusedWithTheFieldNamed() {
        assertThatThrownBy(() -> LinkSimulator.builder().bottleneck(-1, 10)).hasMessageContaining("bitsPerSecond");
        assertThatThrownBy(() -> LinkSimulator.builder().bottleneck(Side.B, TEN_MBIT, 0))
                .hasMessageContaining("queueBytes");
    }
}
