package io.uxp.fec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReedSolomonGoldenVectorTest {

    private static byte[][] shards(int count, int length) {
        return new byte[count][length];
    }

    @Test
    void theFieldTablesAgreeWithShiftAndAddMultiplicationForEveryPair() {
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                assertThat(Gf256.mul(a, b)).as("%d * %d", a, b).isEqualTo(GfReference.mul(a, b));
            }
        }
        for (int a = 1; a < 256; a++) {
            assertThat(Gf256.inv(a)).isEqualTo(GfReference.inv(a));
        }
    }

    @Test
    void oneDataShardWithOneParityShardIsACopy() {
        // C[0][0] = 1 / ((1 + 0) XOR 0) = 1 / 1 = 1
        byte[][] s = shards(2, 3);
        s[0] = new byte[] {0x00, 0x5A, (byte) 0xFF};
        ReedSolomon.create(1, 1).encode(s, 0, 3);
        assertThat(s[1]).containsExactly(0x00, 0x5A, 0xFF);
    }

    @Test
    void twoPlusTwoParityMatchesBytesWorkedOutByHand() {
        // x = {2, 3}, y = {0, 1}: C = [[1/2, 1/3], [1/3, 1/2]] with 1/2 = 0x8E (2 * 0x8E = 0x11C, reduced by
        // 0x11D gives 1) and 1/3 = 0xF4 (3 * 0xF4 = 0xF4 ^ 0x1E8 = 0xF4 ^ 0xF5 = 1).
        // Column 0, data (1, 1): p0 = 0x8E ^ 0xF4 = 0x7A and p1 = 0xF4 ^ 0x8E = 0x7A.
        // Column 1, data (2, 3): p0 = 0x8E*2 ^ 0xF4*3 = 1 ^ 1 = 0; p1 = 0xF4*2 ^ 0x8E*3 = 0xF5 ^ 0x8F = 0x7A.
        byte[][] s = shards(4, 2);
        s[0] = new byte[] {1, 2};
        s[1] = new byte[] {1, 3};
        ReedSolomon.create(2, 2).encode(s, 0, 2);
        assertThat(s[2]).containsExactly(0x7A, 0x00);
        assertThat(s[3]).containsExactly(0x7A, 0x7A);
    }

    @Test
    void twoPlusOneRebuildsTheFirstShardFromTheSecondAndTheParity() {
        // data (1), (1), parity 0x7A as above: d0 = (p0 - 1/3 * d1) * 2 = (0x7A ^ 0xF4) * 2 = 0x8E * 2 = 1
        byte[][] s = {new byte[1], {1}, {0x7A}};
        boolean[] present = {false, true, true};
        assertThat(ReedSolomon.create(2, 1).reconstructData(s, present, 0, 1)).isTrue();
        assertThat(s[0]).containsExactly(1);
        assertThat(present).containsOnly(true);
    }

    @Test
    void kcpGoAndGouxpShapesMatchTheReferenceModelOnFixedData() {
        // 37 bytes: four whole words and a five-byte tail, so both arithmetic paths are checked
        int[][] shapes = {{10, 3, 64}, {3, 2, 37}, {1, 4, 64}, {17, 5, 37}};
        SplittableRandom random = new SplittableRandom(20_261_125L);
        for (int[] shape : shapes) {
            int d = shape[0];
            int p = shape[1];
            int length = shape[2];
            byte[][] s = shards(d + p, length);
            for (int j = 0; j < d; j++) {
                random.nextBytes(s[j]);
            }
            byte[][] expected = GfReference.parity(Arrays.copyOf(s, d), p);
            ReedSolomon.create(d, p).encode(s, 0, length);
            for (int i = 0; i < p; i++) {
                assertThat(s[d + i]).as("parity %d of %d+%d", i, d, p).isEqualTo(expected[i]);
            }
        }
    }

    @Test
    void encodingWorksOnAnInnerRegionAndLeavesTheRestAlone() {
        byte[][] s = shards(5, 10);
        for (byte[] shard : s) {
            Arrays.fill(shard, (byte) 0x33);
        }
        byte[][] region = {{0x33, 0x33, 0x33}, {0x33, 0x33, 0x33}, {0x33, 0x33, 0x33}};
        byte[][] expected = GfReference.parity(region, 2);
        ReedSolomon.create(3, 2).encode(s, 4, 3);
        assertThat(Arrays.copyOfRange(s[3], 4, 7)).isEqualTo(expected[0]);
        assertThat(Arrays.copyOfRange(s[4], 0, 4)).containsOnly(0x33);
        assertThat(Arrays.copyOfRange(s[4], 7, 10)).containsOnly(0x33);
    }
}
