package io.uxp.fec;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The generator matrix of a systematic (d, p) code: the d x d identity on top of a p x d Cauchy matrix
 * {@code C[i][j] = 1 / (x_i + y_j)} with {@code x_i = d + i} and {@code y_j = j}. The x's and y's are
 * d + p distinct field elements, so every square submatrix of C is non-singular, and therefore any d rows
 * of the generator are linearly independent: any d of the d + p shards rebuild the rest.
 *
 * <p>One instance per (d, p), cached for the life of the process. Immutable and thread-safe.
 */
final class CauchyMatrix {

    private static final ConcurrentHashMap<Integer, CauchyMatrix> CACHE = new ConcurrentHashMap<>();

    /** Bits that hold the parity count in the cache key; p < 256. */
    private static final int KEY_SHIFT = 8;

    final int dataShards;
    final int parityShards;
    /** {@code coefficients[i][j]} = C[i][j]; callers must not modify it. */
    final byte[][] coefficients;
    /** {@code columns[j][i][0]} = C[i][j]: data shard j's coefficients, shaped for one-input products. */
    final byte[][][] columns;

    private CauchyMatrix(int dataShards, int parityShards) {
        this.dataShards = dataShards;
        this.parityShards = parityShards;
        this.coefficients = new byte[parityShards][dataShards];
        this.columns = new byte[dataShards][parityShards][1];
        for (int i = 0; i < parityShards; i++) {
            for (int j = 0; j < dataShards; j++) {
                byte c = (byte) Gf256.inv((dataShards + i) ^ j);
                coefficients[i][j] = c;
                columns[j][i][0] = c;
            }
        }
    }

    /**
     * @param dataShards d, already validated
     * @param parityShards p, already validated
     * @return the shared matrix for (d, p)
     */
    static CauchyMatrix of(int dataShards, int parityShards) {
        return CACHE.computeIfAbsent((dataShards << KEY_SHIFT) | parityShards,
                k -> new CauchyMatrix(dataShards, parityShards));
    }

    /**
     * @param row a generator row, 0 to d + p - 1
     * @param column a data column, 0 to d - 1
     * @return the generator's element: the identity for data rows, C for parity rows
     */
    int generator(int row, int column) {
        if (row < dataShards) {
            return row == column ? 1 : 0;
        }
        return coefficients[row - dataShards][column] & 0xFF;
    }

    /**
     * Inverts the square submatrix of the generator made of {@code rows} by Gauss-Jordan elimination.
     *
     * @param rows d distinct generator rows
     * @param work d x d scratch, overwritten
     * @param inverse d x d output
     * @return {@code false} if the submatrix is singular (impossible for distinct rows of this code)
     */
    boolean invert(int[] rows, byte[][] work, byte[][] inverse) {
        int d = dataShards;
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                work[r][c] = (byte) generator(rows[r], c);
                inverse[r][c] = (byte) (r == c ? 1 : 0);
            }
        }
        for (int col = 0; col < d; col++) {
            int pivot = col;
            while (pivot < d && work[pivot][col] == 0) {
                pivot++;
            }
            if (pivot == d) {
                return false;
            }
            swap(work, pivot, col);
            swap(inverse, pivot, col);
            int scale = Gf256.inv(work[col][col] & 0xFF);
            scaleRow(work[col], scale);
            scaleRow(inverse[col], scale);
            for (int r = 0; r < d; r++) {
                int factor = work[r][col] & 0xFF;
                if (r != col && factor != 0) {
                    subtractScaled(work[r], work[col], factor);
                    subtractScaled(inverse[r], inverse[col], factor);
                }
            }
        }
        return true;
    }

    private static void swap(byte[][] m, int a, int b) {
        byte[] t = m[a];
        m[a] = m[b];
        m[b] = t;
    }

    private static void scaleRow(byte[] row, int scale) {
        for (int i = 0; i < row.length; i++) {
            row[i] = (byte) Gf256.mul(row[i], scale);
        }
    }

    /** In GF(2^8) subtraction is XOR: {@code target -= factor * source}. */
    private static void subtractScaled(byte[] target, byte[] source, int factor) {
        for (int i = 0; i < target.length; i++) {
            target[i] ^= (byte) Gf256.mul(source[i], factor);
        }
    }
}
