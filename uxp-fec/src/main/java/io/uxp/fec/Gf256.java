package io.uxp.fec;

/**
 * Arithmetic in GF(2^8) built from the primitive polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D), the field
 * of the common Reed-Solomon erasure codes (Backblaze, klauspost/reedsolomon, kcp-go), with generator 2.
 *
 * <p>A full 256 x 256 product table serves matrix arithmetic and the few bytes at the end of a shard
 * that do not fill a word; whole shards go through {@link BitPlaneKernel}. Immutable and thread-safe.
 */
final class Gf256 {

    /** The field's reducing polynomial, x^8 + x^4 + x^3 + x^2 + 1. */
    static final int POLYNOMIAL = 0x11D;

    /** Number of field elements. */
    static final int ORDER = 256;

    /** Non-zero elements: the multiplicative group's order. */
    private static final int GROUP_ORDER = ORDER - 1;

    /** EXP[i] = 2^i, doubled in length so EXP[LOG[a] + LOG[b]] needs no modulo. */
    private static final int[] EXP = new int[2 * GROUP_ORDER];

    /** LOG[a] = i with 2^i = a, for a != 0. */
    private static final int[] LOG = new int[ORDER];

    /** MUL[a][b] = a * b. 64 KiB, shared by every codec. */
    private static final byte[][] MUL = new byte[ORDER][ORDER];

    static {
        int x = 1;
        for (int i = 0; i < GROUP_ORDER; i++) {
            EXP[i] = x;
            EXP[i + GROUP_ORDER] = x;
            LOG[x] = i;
            x <<= 1;
            if (x >= ORDER) {
                x ^= POLYNOMIAL;
            }
        }
        for (int a = 1; a < ORDER; a++) {
            for (int b = 1; b < ORDER; b++) {
                MUL[a][b] = (byte) EXP[LOG[a] + LOG[b]];
            }
        }
    }

    private Gf256() {
    }

    /** @return a * b */
    static int mul(int a, int b) {
        return MUL[a & 0xFF][b & 0xFF] & 0xFF;
    }

    /**
     * @param a a non-zero element
     * @return the multiplicative inverse of {@code a}
     */
    static int inv(int a) {
        if (a == 0) {
            throw new ArithmeticException("zero has no inverse in GF(2^8)");
        }
        return EXP[GROUP_ORDER - LOG[a]];
    }

    /**
     * @param c a coefficient
     * @return the row of the product table for {@code c}: {@code row[b] = c * b}; callers must not modify it
     */
    static byte[] mulRow(int c) {
        return MUL[c & 0xFF];
    }
}
