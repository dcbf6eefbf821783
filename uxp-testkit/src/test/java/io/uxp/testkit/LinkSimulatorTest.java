package io.uxp.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.uxp.testkit.LinkSimulator.Side;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkSimulatorTest {

    /** One delivery as a comparable line: time, side and the datagram's first byte (its index). */
    private static List<String> trace(LinkSimulator sim, int datagrams) {
        List<String> out = new ArrayList<>();
        long[] now = {0};
        for (int i = 0; i < datagrams; i++) {
            byte[] d = {(byte) i, 1, 2, 3};
            sim.send(i % 3 == 0 ? Side.B : Side.A, d, 0, d.length, now[0]);
            now[0] += 2;
            sim.deliverDue(now[0], (to, buf, off, len) -> out.add(now[0] + ":" + to + ":" + buf[off]));
        }
        for (int step = 0; step < 10_000 && sim.inFlight() > 0; step++) {
            now[0] = sim.nextDeliveryMillis();
            sim.deliverDue(now[0], (to, buf, off, len) -> out.add(now[0] + ":" + to + ":" + buf[off]));
        }
        return out;
    }

    private static LinkSimulator impaired(long seed) {
        return LinkSimulator.builder().seed(seed).loss(0.2).delay(5, 40).duplicate(0.1).reorder(0.1).build();
    }

    @Test
    void theSameSeedGivesTheSameDeliveryTrace() {
        assertThat(trace(impaired(42), 300)).isEqualTo(trace(impaired(42), 300));
    }

    @Test
    void differentSeedsGiveDifferentTraces() {
        assertThat(trace(impaired(1), 300)).isNotEqualTo(trace(impaired(2), 300));
    }

    @Test
    void withoutLossEveryDatagramIsDeliveredOnceIntactToTheOtherSide() {
        LinkSimulator sim = LinkSimulator.builder().seed(3).delay(0, 30).reorder(0.2).build();
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] d = {(byte) i, (byte) (i * 7)};
            sim.send(Side.A, d, 0, 2, i);
        }
        sim.deliverDue(Long.MAX_VALUE - 1, (to, buf, off, len) -> {
            assertThat(to).isEqualTo(Side.B);
            assertThat(len).isEqualTo(2);
            assertThat(buf[off + 1]).isEqualTo((byte) (buf[off] * 7));
            got.add(Integer.toString(buf[off] & 0xFF));
        });
        assertThat(got).hasSize(200).doesNotHaveDuplicates();
        assertThat(sim.sent()).isEqualTo(200);
        assertThat(sim.delivered()).isEqualTo(200);
        assertThat(sim.lost()).isZero();
        assertThat(sim.reordered()).isPositive();
    }

    @Test
    void withTotalLossNothingIsDelivered() {
        LinkSimulator sim = LinkSimulator.builder().seed(4).loss(1.0).duplicate(1.0).build();
        for (int i = 0; i < 100; i++) {
            sim.send(Side.B, new byte[] {1}, 0, 1, i);
        }
        assertThat(sim.deliverDue(Long.MAX_VALUE - 1, (to, buf, off, len) -> {
            throw new AssertionError("delivered");
        })).isZero();
        assertThat(sim.lost()).isEqualTo(100);
        assertThat(sim.nextDeliveryMillis()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void delaysStayInsideTheConfiguredRangeAndDuePacketsComeInTimeOrder() {
        LinkSimulator sim = LinkSimulator.builder().seed(5).delay(10, 20).build();
        for (int i = 0; i < 100; i++) {
            sim.send(Side.A, new byte[] {(byte) i}, 0, 1, 1000);
        }
        assertThat(sim.deliverDue(1009, (to, buf, off, len) -> { })).isZero();
        assertThat(sim.nextDeliveryMillis()).isBetween(1010L, 1020L);
        long[] last = {0};
        for (int step = 0; step < 1000 && sim.inFlight() > 0; step++) {
            long due = sim.nextDeliveryMillis();
            assertThat(due).isBetween(1010L, 1020L).isGreaterThanOrEqualTo(last[0]);
            last[0] = due;
            sim.deliverDue(due, (to, buf, off, len) -> { });
        }
        assertThat(sim.delivered()).isEqualTo(100);
    }

    @Test
    void impairmentsApplyPerDirection() {
        LinkSimulator sim = LinkSimulator.builder().seed(6).loss(Side.A, 1.0).build();
        List<Side> arrivals = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sim.send(Side.A, new byte[] {1}, 0, 1, 0);
            sim.send(Side.B, new byte[] {2}, 0, 1, 0);
        }
        sim.deliverDue(0, (to, buf, off, len) -> arrivals.add(to));
        assertThat(arrivals).hasSize(50).containsOnly(Side.A);
    }

    @Test
    void duplicationAndCorruptionAreCounted() {
        LinkSimulator sim = LinkSimulator.builder().seed(7).duplicate(1.0).corrupt(1.0).build();
        byte[] zero = new byte[8];
        sim.send(Side.A, zero, 0, zero.length, 0);
        List<byte[]> got = new ArrayList<>();
        sim.deliverDue(0, (to, buf, off, len) -> got.add(buf.clone()));
        assertThat(sim.duplicated()).isEqualTo(1);
        assertThat(sim.corrupted()).isEqualTo(2);
        assertThat(got).hasSize(2).allSatisfy(d -> assertThat(bitCount(d)).isEqualTo(1));
        assertThat(zero).containsOnly(0);
    }

    @Test
    void receiversAnsweringEachOtherWithoutDelayAreStoppedWithAnExplanation() {
        LinkSimulator sim = LinkSimulator.builder().build();
        sim.send(Side.A, new byte[1], 0, 1, 0);
        assertThatThrownBy(() -> sim.deliverDue(0, (to, buf, off, len) -> sim.send(to, buf, off, len, 0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("zero delay");
    }

    @Test
    void invalidSettingsAreRefusedWithTheFieldNamed() {
        assertThatThrownBy(() -> LinkSimulator.builder().loss(1.5)).hasMessageContaining("loss");
        assertThatThrownBy(() -> LinkSimulator.builder().delay(10, 5)).hasMessageContaining("delay");
    }

    private static int bitCount(byte[] d) {
        int n = 0;
        for (byte b : d) {
            n += Integer.bitCount(b & 0xFF);
        }
        return n;
    }
}
