package io.uxp.fec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ReedSolomonPropertiesTest {

    /** d data shards of random bytes, then p encoded parity shards. */
    private static byte[][] encoded(ReedSolomon rs, int length, long seed) {
        Random random = new Random(seed);
        byte[][] shards = new byte[rs.totalShards()][length];
        for (int j = 0; j < rs.dataShards(); j++) {
            random.nextBytes(shards[j]);
        }
        rs.encode(shards, 0, length);
        return shards;
    }

    private static List<Integer> erasures(int total, int count, long seed) {
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            indices.add(i);
        }
        Collections.shuffle(indices, new Random(seed));
        return indices.subList(0, count);
    }

    private static byte[][] copy(byte[][] shards) {
        byte[][] c = new byte[shards.length][];
        for (int i = 0; i < shards.length; i++) {
            c[i] = shards[i].clone();
        }
        return c;
    }

    @Property(tries = 300)
    void anyErasurePatternOfAtMostParityShardsIsRebuiltExactly(@ForAll @IntRange(min = 1, max = 24) int d,
            @ForAll @IntRange(min = 0, max = 8) int p, @ForAll @IntRange(min = 0, max = 200) int length,
            @ForAll @IntRange(min = 0, max = 8) int lost, @ForAll long seed) {
        int erased = Math.min(lost, p);
        ReedSolomon rs = ReedSolomon.create(d, p);
        byte[][] original = encoded(rs, length, seed);
        byte[][] damaged = copy(original);
        boolean[] present = new boolean[d + p];
        Arrays.fill(present, true);
        for (int index : erasures(d + p, erased, seed)) {
            present[index] = false;
            Arrays.fill(damaged[index], (byte) 0x5C);
        }

        assertThat(rs.reconstruct(damaged, present, 0, length)).isTrue();

        assertThat(damaged).isDeepEqualTo(original);
        assertThat(present).containsOnly(true);
    }

    @Property(tries = 200)
    void moreErasuresThanParityShardsCannotBeRebuiltAndChangeNothing(
            @ForAll @IntRange(min = 1, max = 24) int d, @ForAll @IntRange(min = 0, max = 8) int p,
            @ForAll @IntRange(min = 1, max = 100) int length, @ForAll @IntRange(min = 1, max = 8) int extra,
            @ForAll long seed) {
        int erased = Math.min(p + extra, d + p);
        ReedSolomon rs = ReedSolomon.create(d, p);
        byte[][] damaged = encoded(rs, length, seed);
        boolean[] present = new boolean[d + p];
        Arrays.fill(present, true);
        for (int index : erasures(d + p, erased, seed)) {
            present[index] = false;
        }
        byte[][] before = copy(damaged);
        boolean[] presentBefore = present.clone();

        assertThat(rs.reconstructData(damaged, present, 0, length)).isFalse();
        assertThat(rs.reconstruct(damaged, present, 0, length)).isFalse();

        assertThat(damaged).isDeepEqualTo(before);
        assertThat(present).isEqualTo(presentBefore);
    }

    @Property(tries = 20)
    void theWidestCodesRebuildFromTheirLastDataShards(@ForAll @IntRange(min = 1, max = 254) int d,
            @ForAll long seed) {
        int p = 255 - d;
        ReedSolomon rs = ReedSolomon.create(d, p);
        byte[][] original = encoded(rs, 8, seed);
        byte[][] damaged = copy(original);
        boolean[] present = new boolean[255];
        // keep only the last d shards: every data shard that parity can stand in for is gone
        for (int i = 255 - d; i < 255; i++) {
            present[i] = true;
        }
        for (int i = 0; i < 255 - d; i++) {
            Arrays.fill(damaged[i], (byte) 0);
        }

        assertThat(rs.reconstruct(damaged, present, 0, 8)).isTrue();
        assertThat(damaged).isDeepEqualTo(original);
    }

    @Property(tries = 100)
    void parityAccumulatedPacketByPacketEqualsParityOfTheZeroPaddedGroup(
            @ForAll @IntRange(min = 1, max = 16) int d, @ForAll @IntRange(min = 1, max = 6) int p,
            @ForAll @IntRange(min = 0, max = 5) int offset, @ForAll long seed) {
        Random random = new Random(seed);
        ReedSolomon rs = ReedSolomon.create(d, p);
        int longest = 0;
        byte[][] padded = new byte[d + p][];
        byte[][] parity = new byte[p][offset + 120];
        int[] lengths = new int[d];
        for (int j = 0; j < d; j++) {
            lengths[j] = random.nextInt(120);
            longest = Math.max(longest, lengths[j]);
        }
        for (int j = 0; j < d; j++) {
            padded[j] = new byte[longest];
            byte[] packet = new byte[offset + lengths[j]];
            random.nextBytes(packet);
            System.arraycopy(packet, offset, padded[j], 0, lengths[j]);
            rs.accumulate(j, packet, offset, lengths[j], parity, offset);
        }
        for (int i = 0; i < p; i++) {
            padded[d + i] = new byte[longest];
        }

        rs.encode(padded, 0, longest);

        for (int i = 0; i < p; i++) {
            assertThat(Arrays.copyOfRange(parity[i], offset, offset + longest)).isEqualTo(padded[d + i]);
            assertThat(Arrays.copyOfRange(parity[i], offset + longest, parity[i].length)).containsOnly(0);
        }
    }

    @Test
    void aRepeatedErasurePatternReusesItsDecodeMatrix() {
        ReedSolomon rs = ReedSolomon.create(10, 3);
        byte[][] original = encoded(rs, 32, 7);
        for (int round = 0; round < 5; round++) {
            byte[][] damaged = copy(original);
            boolean[] present = new boolean[13];
            Arrays.fill(present, true);
            present[2] = false;
            present[7] = false;
            assertThat(rs.reconstructData(damaged, present, 0, 32)).isTrue();
            assertThat(damaged).isDeepEqualTo(original);
        }
        assertThat(rs.decodeCacheMisses()).isEqualTo(1);
    }

    @Test
    void shardCountsOutsideTheFieldAreRejectedWithTheValidRange() {
        assertThatThrownBy(() -> ReedSolomon.create(0, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> ReedSolomon.create(3, -1)).hasMessageContaining("at least 0");
        assertThatThrownBy(() -> ReedSolomon.create(200, 56)).hasMessageContaining("at most 255");
        assertThat(ReedSolomon.create(200, 55).totalShards()).isEqualTo(255);
    }

    @Test
    void shardArraysOfTheWrongShapeAreRejectedClearly() {
        ReedSolomon rs = ReedSolomon.create(3, 2);
        assertThatThrownBy(() -> rs.encode(new byte[4][8], 0, 8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 5 shards (3 data + 2 parity), got 4");
        assertThatThrownBy(() -> rs.encode(new byte[5][8], 4, 8)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> rs.reconstruct(new byte[5][8], new boolean[4], 0, 8))
                .hasMessageContaining("expected 5 presence flags");
    }
}
