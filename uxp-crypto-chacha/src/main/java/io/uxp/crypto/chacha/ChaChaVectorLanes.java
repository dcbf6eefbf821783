package io.uxp.crypto.chacha;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * ChaCha20 blocks eight at a time in 256-bit vectors of the JDK's Vector API ({@code jdk.incubator.vector}), one
 * block per lane: the sixteen state words are sixteen vectors held in registers through the twenty rounds, and only
 * the finished keystream goes through memory on its way to the packet.
 *
 * <p>The only class that names the incubator module; {@link Lanes} loads it only when the module is readable and
 * the CPU has 256-bit vectors (otherwise the API would run its portable Java code, slower than scalar). Measured on
 * this machine's JDK 17, a 1,376-byte body: about 0.68 us against 1.2-1.6 us for {@link ChaChaLanes}, whose loop
 * C2 vectorizes only partly (docs/CIPHERS.md). Eight lanes, not sixteen: on AVX-512 hardware that splits 512-bit
 * operations (as this AMD EPYC does) a short packet wastes half of a 16-lane pass, and a 1,400-byte one is no
 * slower in 8-lane passes.
 *
 * <p>The scratch array is one per thread (512 bytes) and is zeroed after each use.
 */
final class ChaChaVectorLanes {
    /** Blocks per pass. */
    static final int LANES = 8;
    private static final VectorSpecies<Integer> SPECIES = IntVector.SPECIES_256;
    private static final int WORDS = 16;
    private static final int COUNTER = 12;
    private static final int BLOCK_BYTES = 64;
    private static final int[] LANE_INDEX = {0, 1, 2, 3, 4, 5, 6, 7};
    private static final VarHandle LE_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final ThreadLocal<int[]> SCRATCH = ThreadLocal.withInitial(() -> new int[WORDS * LANES]);

    private ChaChaVectorLanes() {
    }

    /** @return whether this CPU runs 256-bit integer vectors in hardware (the API's preferred shape is that wide) */
    static boolean hardwareHasLanes() {
        return IntVector.SPECIES_PREFERRED.vectorBitSize() >= SPECIES.vectorBitSize();
    }

    /**
     * XORs the keystream of {@code ceil(length / 64)} blocks, from block {@code state[12]}, into {@code length}
     * bytes of {@code buffer} in place. Leaves {@code state} as it was.
     *
     * @param state the sixteen input words of RFC 8439 section 2.3, counter word included
     */
    static void xor(int[] state, byte[] buffer, int offset, int length) {
        int[] ks = SCRATCH.get();
        int p = offset;
        int end = offset + length;
        for (int first = 0; p < end; first += LANES) {
            block(state, first, ks);
            int blocks = Math.min(LANES, (end - p) / BLOCK_BYTES);
            for (int b = 0; b < blocks; b++, p += BLOCK_BYTES) {
                for (int w = 0; w < WORDS; w += 2) {
                    long word = (ks[w * LANES + b] & 0xffffffffL) | ((long) ks[(w + 1) * LANES + b] << 32);
                    LE_LONG.set(buffer, p + 4 * w, (long) LE_LONG.get(buffer, p + 4 * w) ^ word);
                }
            }
            if (blocks < LANES && p < end) {
                p = ChaChaKeystream.xorBlock(ks, blocks, LANES, buffer, p, end);
            }
        }
        Arrays.fill(ks, 0);
    }

    /**
     * Computes blocks {@code state[12] + first} to {@code + first + 7} (RFC 8439 section 2.3: twenty rounds, then
     * the input added) into {@code ks}, word {@code w} of lane {@code b} at {@code w * 8 + b}.
     *
     * <p>Written out with no helper method of ours: C2 must inline every call on a vector for the vector to stay in
     * a register, and past its node budget (reached after a few of the twenty rounds) it inlines only what the
     * Vector API forces; a helper such as a rotate would then stay a call, and every vector it touches is boxed on
     * the heap (measured: about 100 KB and 7 us per 1,400-byte packet, against 0 B and 0.7 us written out). The
     * allocation test of this module fails if that happens.
     */
    private static void block(int[] s, int first, int[] ks) {
        IntVector counter = IntVector.fromArray(SPECIES, LANE_INDEX, 0).add(s[COUNTER] + first);
        IntVector x0 = IntVector.broadcast(SPECIES, s[0]), x1 = IntVector.broadcast(SPECIES, s[1]);
        IntVector x2 = IntVector.broadcast(SPECIES, s[2]), x3 = IntVector.broadcast(SPECIES, s[3]);
        IntVector x4 = IntVector.broadcast(SPECIES, s[4]), x5 = IntVector.broadcast(SPECIES, s[5]);
        IntVector x6 = IntVector.broadcast(SPECIES, s[6]), x7 = IntVector.broadcast(SPECIES, s[7]);
        IntVector x8 = IntVector.broadcast(SPECIES, s[8]), x9 = IntVector.broadcast(SPECIES, s[9]);
        IntVector x10 = IntVector.broadcast(SPECIES, s[10]), x11 = IntVector.broadcast(SPECIES, s[11]);
        IntVector x12 = counter, x13 = IntVector.broadcast(SPECIES, s[13]);
        IntVector x14 = IntVector.broadcast(SPECIES, s[14]), x15 = IntVector.broadcast(SPECIES, s[15]);
        for (int round = 0; round < 10; round++) {
            // columns (quarter round of RFC 8439 section 2.1, written out: a += b; d ^= a; d <<<= 16; ...)
            x0 = x0.add(x4); x12 = x12.lanewise(VectorOperators.XOR, x0).lanewise(VectorOperators.ROL, 16);
            x8 = x8.add(x12); x4 = x4.lanewise(VectorOperators.XOR, x8).lanewise(VectorOperators.ROL, 12);
            x0 = x0.add(x4); x12 = x12.lanewise(VectorOperators.XOR, x0).lanewise(VectorOperators.ROL, 8);
            x8 = x8.add(x12); x4 = x4.lanewise(VectorOperators.XOR, x8).lanewise(VectorOperators.ROL, 7);
            x1 = x1.add(x5); x13 = x13.lanewise(VectorOperators.XOR, x1).lanewise(VectorOperators.ROL, 16);
            x9 = x9.add(x13); x5 = x5.lanewise(VectorOperators.XOR, x9).lanewise(VectorOperators.ROL, 12);
            x1 = x1.add(x5); x13 = x13.lanewise(VectorOperators.XOR, x1).lanewise(VectorOperators.ROL, 8);
            x9 = x9.add(x13); x5 = x5.lanewise(VectorOperators.XOR, x9).lanewise(VectorOperators.ROL, 7);
            x2 = x2.add(x6); x14 = x14.lanewise(VectorOperators.XOR, x2).lanewise(VectorOperators.ROL, 16);
            x10 = x10.add(x14); x6 = x6.lanewise(VectorOperators.XOR, x10).lanewise(VectorOperators.ROL, 12);
            x2 = x2.add(x6); x14 = x14.lanewise(VectorOperators.XOR, x2).lanewise(VectorOperators.ROL, 8);
            x10 = x10.add(x14); x6 = x6.lanewise(VectorOperators.XOR, x10).lanewise(VectorOperators.ROL, 7);
            x3 = x3.add(x7); x15 = x15.lanewise(VectorOperators.XOR, x3).lanewise(VectorOperators.ROL, 16);
            x11 = x11.add(x15); x7 = x7.lanewise(VectorOperators.XOR, x11).lanewise(VectorOperators.ROL, 12);
            x3 = x3.add(x7); x15 = x15.lanewise(VectorOperators.XOR, x3).lanewise(VectorOperators.ROL, 8);
            x11 = x11.add(x15); x7 = x7.lanewise(VectorOperators.XOR, x11).lanewise(VectorOperators.ROL, 7);
            // diagonals
            x0 = x0.add(x5); x15 = x15.lanewise(VectorOperators.XOR, x0).lanewise(VectorOperators.ROL, 16);
            x10 = x10.add(x15); x5 = x5.lanewise(VectorOperators.XOR, x10).lanewise(VectorOperators.ROL, 12);
            x0 = x0.add(x5); x15 = x15.lanewise(VectorOperators.XOR, x0).lanewise(VectorOperators.ROL, 8);
            x10 = x10.add(x15); x5 = x5.lanewise(VectorOperators.XOR, x10).lanewise(VectorOperators.ROL, 7);
            x1 = x1.add(x6); x12 = x12.lanewise(VectorOperators.XOR, x1).lanewise(VectorOperators.ROL, 16);
            x11 = x11.add(x12); x6 = x6.lanewise(VectorOperators.XOR, x11).lanewise(VectorOperators.ROL, 12);
            x1 = x1.add(x6); x12 = x12.lanewise(VectorOperators.XOR, x1).lanewise(VectorOperators.ROL, 8);
            x11 = x11.add(x12); x6 = x6.lanewise(VectorOperators.XOR, x11).lanewise(VectorOperators.ROL, 7);
            x2 = x2.add(x7); x13 = x13.lanewise(VectorOperators.XOR, x2).lanewise(VectorOperators.ROL, 16);
            x8 = x8.add(x13); x7 = x7.lanewise(VectorOperators.XOR, x8).lanewise(VectorOperators.ROL, 12);
            x2 = x2.add(x7); x13 = x13.lanewise(VectorOperators.XOR, x2).lanewise(VectorOperators.ROL, 8);
            x8 = x8.add(x13); x7 = x7.lanewise(VectorOperators.XOR, x8).lanewise(VectorOperators.ROL, 7);
            x3 = x3.add(x4); x14 = x14.lanewise(VectorOperators.XOR, x3).lanewise(VectorOperators.ROL, 16);
            x9 = x9.add(x14); x4 = x4.lanewise(VectorOperators.XOR, x9).lanewise(VectorOperators.ROL, 12);
            x3 = x3.add(x4); x14 = x14.lanewise(VectorOperators.XOR, x3).lanewise(VectorOperators.ROL, 8);
            x9 = x9.add(x14); x4 = x4.lanewise(VectorOperators.XOR, x9).lanewise(VectorOperators.ROL, 7);
        }
        x0.add(s[0]).intoArray(ks, 0);
        x1.add(s[1]).intoArray(ks, LANES);
        x2.add(s[2]).intoArray(ks, 2 * LANES);
        x3.add(s[3]).intoArray(ks, 3 * LANES);
        x4.add(s[4]).intoArray(ks, 4 * LANES);
        x5.add(s[5]).intoArray(ks, 5 * LANES);
        x6.add(s[6]).intoArray(ks, 6 * LANES);
        x7.add(s[7]).intoArray(ks, 7 * LANES);
        x8.add(s[8]).intoArray(ks, 8 * LANES);
        x9.add(s[9]).intoArray(ks, 9 * LANES);
        x10.add(s[10]).intoArray(ks, 10 * LANES);
        x11.add(s[11]).intoArray(ks, 11 * LANES);
        x12.add(counter).intoArray(ks, 12 * LANES);
        x13.add(s[13]).intoArray(ks, 13 * LANES);
        x14.add(s[14]).intoArray(ks, 14 * LANES);
        x15.add(s[15]).intoArray(ks, 15 * LANES);
    }
}
