package io.uxp.fec;

import io.uxp.api.spi.FecParams;
import java.util.Arrays;
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
 *
 * <p>Status: experimental. Exported for benchmarks and tools that want erasure coding without the shard
 * layer; connections use it only through the {@code reed-solomon} {@link io.uxp.api.spi.FecProvider}.
 */
public final class ReedSolomon {

    private final CauchyMatrix matrix;
    private final DecodeMatrixCache decodeCache;
    private final BitPlaneKernel kernel;
    private final int[] rows;
    /** Scratch: the shards read, the shards written and their coefficient rows, for one call. */
    private final byte[][] inputs;
    private final byte[][] outputs;
    private final byte[][] coefficients;

    private ReedSolomon(CauchyMatrix matrix) {
        this.matrix = matrix;
        this.decodeCache = new DecodeMatrixCache(matrix);
        int widest = Math.max(matrix.dataShards, matrix.parityShards);
        this.kernel = new BitPlaneKernel(widest);
        this.rows = new int[matrix.dataShards];
        this.inputs = new byte[matrix.dataShards][];
        this.outputs = new byte[widest][];
        this.coefficients = new byte[widest][];
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
        System.arraycopy(shards, d, outputs, 0, matrix.parityShards);
        kernel.combine(shards, d, offset, matrix.coefficients, outputs, matrix.parityShards, offset, length, false);
        Arrays.fill(outputs, null);
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
        }
        inputs[0] = data;
        kernel.combine(inputs, 1, dataOffset, matrix.columns[dataIndex], parity, matrix.parityShards,
                parityOffset, length, true);
        inputs[0] = null;
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
            int missing = 0;
            for (int m = 0; m < d; m++) {
                if (!present[m]) {
                    outputs[missing] = shards[m];
                    coefficients[missing++] = inverse[m];
                }
            }
            for (int j = 0; j < d; j++) {
                inputs[j] = shards[rows[j]];
            }
            kernel.combine(inputs, d, offset, coefficients, outputs, missing, offset, length, false);
            Arrays.fill(present, 0, d, true);
        }
        if (parityToo) {
            int missing = 0;
            for (int i = 0; i < matrix.parityShards; i++) {
                if (!present[d + i]) {
                    outputs[missing] = shards[d + i];
                    coefficients[missing++] = matrix.coefficients[i];
                    present[d + i] = true;
                }
            }
            kernel.combine(shards, d, offset, coefficients, outputs, missing, offset, length, false);
        }
        Arrays.fill(inputs, null);
        Arrays.fill(outputs, null);
        Arrays.fill(coefficients, null);
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
}
