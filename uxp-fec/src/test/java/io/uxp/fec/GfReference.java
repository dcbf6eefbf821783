package io.uxp.fec;

/**
 * An independent, deliberately naive model of the code, written from the definitions in docs/FEC.md and
 * sharing nothing with the production classes: field multiplication by shift-and-add reduced by
 * x^8 + x^4 + x^3 + x^2 + 1 (0x11D), inverses by search, and parity as the Cauchy-matrix product.
 */
public final class GfReference {

    private GfReference() {
    }

    /** @return a * b in GF(2^8) mod 0x11D, one bit of b at a time */
    public static int mul(int a, int b) {
        int product = 0;
        int x = a & 0xFF;
        for (int y = b & 0xFF; y != 0; y >>>= 1) {
            if ((y & 1) != 0) {
                product ^= x;
            }
            x <<= 1;
            if ((x & 0x100) != 0) {
                x ^= 0x11D;
            }
        }
        return product;
    }

    /** @return the b with a * b = 1 */
    public static int inv(int a) {
        for (int b = 1; b < 256; b++) {
            if (mul(a, b) == 1) {
                return b;
            }
        }
        throw new ArithmeticException("no inverse of " + a);
    }

    /** @return the Cauchy coefficient of parity row i and data column j: 1 / ((d + i) XOR j) */
    public static int cauchy(int dataShards, int i, int j) {
        return inv((dataShards + i) ^ j);
    }

    /**
     * @param data d equal-length data shards
     * @param parityShards p
     * @return the p parity shards
     */
    public static byte[][] parity(byte[][] data, int parityShards) {
        int d = data.length;
        int length = data[0].length;
        byte[][] parity = new byte[parityShards][length];
        for (int i = 0; i < parityShards; i++) {
            for (int j = 0; j < d; j++) {
                int c = cauchy(d, i, j);
                for (int k = 0; k < length; k++) {
                    parity[i][k] ^= (byte) mul(c, data[j][k]);
                }
            }
        }
        return parity;
    }
}
