package io.uxp.fec;

import io.uxp.api.spi.FecParams;
import java.util.Objects;

/**
 * A systematic Reed-Solomon erasure code over GF(2^8): {@code d} data shards are followed by {@code p}
 * parity shards, and any {@code d} of the {@code d + p} shards rebuild the others. The generator is the
 * identity over a Cauchy matrix (see {@code docs/FEC.md}); the field is GF(2^8) with polynomial 0x11D.
 *
 * <p>Shards are byte arrays of equal coded length; shorter payloads are zero-padded by the caller. Every
 * method works on the region {@code [offset, offset + length)} of each shard, so shards can keep headers
 * around the coded bytes.
 *
 * <p>The coding matrix is shared per (d, p) across the process; each instance keeps its own small cache of
 * decode matrices and scratch, so an instance belongs to one thread at a time and allocates nothing once
 * warm. Create one per owner with {@link #create}.
 */
public final class ReedSolomon {

    private final CauchyMatrix matrix;
    private final DecodeMatrixCache decodeCache;
    private final int[] rows;

    private ReedSolomon(CauchyMatrix matrix) {
        this.matrix = matrix;
        this.decodeCache = new DecodeMatrixCache(matrix);
        this.rows = new int[matrix.dataShards];
    }

    /**
     * @param dataShards d, at least 1
     * @param parityShards p, at least 0, with d + p at most 255
     * @return a codec for one owner thread
     * @throws IllegalArgumentException naming the valid range, if the counts are out of it
     */
    public static ReedSolomon create(int dataShards, int parityShards) {
        FecParams params = new FecParams(dataShards, parityShards);
        return new ReedSolomon(CauchyMatrix.of(params.dataShards(), params.parityShards()));
    }

    /** @return d */
    public int dataShards() {
        return matrix.dataShards;
    }

    /** @return p */
    public int parityShards() {
        return matrix.parityShards;
    }

    /** @return d + p */
    public int totalShards() {
        return matrix.dataShards + matrix.parityShards;
    }

    /**
     * Computes every parity shard from the data shards.
     *
     * @param shards d data shards followed by p parity shards (overwritten)
     * @param offset start of the coded region in every shard
     * @param length coded length, in bytes
     */
    public void encode(byte[][] shards, int offset, int length) {
        checkShards(shards, offset, length);
        int d = matrix.dataShards;
        for (int i = 0; i < matrix.parityShards; i++) {
            byte[][] tables = matrix.tables[i];
            byte[] out = shards[d + i];
            multiply(tables[0], shards[0], offset, out, offset, length);
            for (int j = 1; j < d; j++) {
                multiplyAdd(tables[j], shards[j], offset, out, offset, length);
            }
        }
    }

    /**
     * Adds one data shard's contribution to every parity shard, so parity can be built packet by packet
     * as a group fills. Parity regions start as zeros; bytes past {@code length} count as zero padding.
     *
     * @param dataIndex the data shard's index, 0 to d - 1
     * @param data the buffer holding the data shard
     * @param dataOffset start of its coded region
     * @param length its coded length, in bytes
     * @param parity p parity buffers
     * @param parityOffset start of the coded region in every parity buffer
     */
    public void accumulate(int dataIndex, byte[] data, int dataOffset, int length, byte[][] parity,
            int parityOffset) {
        Objects.checkIndex(dataIndex, matrix.dataShards);
        Objects.checkFromIndexSize(dataOffset, length, data.length);
        if (parity.length != matrix.parityShards) {
            throw new IllegalArgumentException("expected " + matrix.parityShards + " parity buffers, got "
                    + parity.length);
        }
        for (int i = 0; i < matrix.parityShards; i++) {
            Objects.checkFromIndexSize(parityOffset, length, parity[i].length);
            multiplyAdd(matrix.tables[i][dataIndex], data, dataOffset, parity[i], parityOffset, length);
        }
    }

    /**
     * Rebuilds every missing shard, data and parity.
     *
     * @param shards d + p shards; missing ones are overwritten
     * @param present which shards hold valid bytes; set to {@code true} for each shard rebuilt
     * @param offset start of the coded region in every shard
     * @param length coded length, in bytes
     * @return {@code true} if rebuilt, {@code false} ("cannot reconstruct") if fewer than d were present,
     *     in which case nothing was changed
     */
    public boolean reconstruct(byte[][] shards, boolean[] present, int offset, int length) {
        return rebuild(shards, present, offset, length, true);
    }

    /**
     * Rebuilds the missing data shards only: what a receiver needs.
     *
     * @param shards d + p shards; missing data shards are overwritten
     * @param present which shards hold valid bytes; set to {@code true} for each shard rebuilt
     * @param offset start of the coded region in every shard
     * @param length coded length, in bytes
     * @return {@code true} if every data shard is now present, {@code false} ("cannot reconstruct") if
     *     fewer than d were present, in which case nothing was changed
     */
    public boolean reconstructData(byte[][] shards, boolean[] present, int offset, int length) {
        return rebuild(shards, present, offset, length, false);
    }

    private boolean rebuild(byte[][] shards, boolean[] present, int offset, int length, boolean parityToo) {
        checkShards(shards, offset, length);
        int d = matrix.dataShards;
        int n = totalShards();
        if (present.length != n) {
            throw new IllegalArgumentException("expected " + n + " presence flags, got " + present.length);
        }
        int found = 0;
        boolean dataMissing = false;
        for (int i = 0; i < n && found < d; i++) {
            if (present[i]) {
                rows[found++] = i;
            } else if (i < d) {
                dataMissing = true;
            }
        }
        if (found < d) {
            return false;
        }
        if (dataMissing) {
            byte[][] inverse = decodeCache.inverseFor(rows);
            if (inverse == null) {
                return false;
            }
            for (int m = 0; m < d; m++) {
                if (!present[m]) {
                    byte[] row = inverse[m];
                    byte[] out = shards[m];
                    multiply(Gf256.mulRow(row[0]), shards[rows[0]], offset, out, offset, length);
                    for (int j = 1; j < d; j++) {
                        multiplyAdd(Gf256.mulRow(row[j]), shards[rows[j]], offset, out, offset, length);
                    }
                }
            }
            for (int m = 0; m < d; m++) {
                present[m] = true;
            }
        }
        if (parityToo) {
            for (int i = 0; i < matrix.parityShards; i++) {
                if (!present[d + i]) {
                    byte[] out = shards[d + i];
                    multiply(matrix.tables[i][0], shards[0], offset, out, offset, length);
                    for (int j = 1; j < d; j++) {
                        multiplyAdd(matrix.tables[i][j], shards[j], offset, out, offset, length);
                    }
                    present[d + i] = true;
                }
            }
        }
        return true;
    }

    /** @return how many reconstructions had to invert a fresh matrix (decode-cache misses) */
    long decodeCacheMisses() {
        return decodeCache.misses();
    }

    private void checkShards(byte[][] shards, int offset, int length) {
        int n = totalShards();
        if (shards.length != n) {
            throw new IllegalArgumentException("expected " + n + " shards (" + matrix.dataShards + " data + "
                    + matrix.parityShards + " parity), got " + shards.length);
        }
        for (byte[] shard : shards) {
            Objects.checkFromIndexSize(offset, length, Objects.requireNonNull(shard, "shard").length);
        }
    }

    /** {@code out = c * in}, with {@code table} the product-table row of c. */
    private static void multiply(byte[] table, byte[] in, int inOffset, byte[] out, int outOffset, int length) {
        for (int i = 0; i < length; i++) {
            out[outOffset + i] = table[in[inOffset + i] & 0xFF];
        }
    }

    /** {@code out += c * in}: addition in GF(2^8) is XOR. */
    private static void multiplyAdd(byte[] table, byte[] in, int inOffset, byte[] out, int outOffset,
            int length) {
        for (int i = 0; i < length; i++) {
            out[outOffset + i] ^= table[in[inOffset + i] & 0xFF];
        }
    }
}
