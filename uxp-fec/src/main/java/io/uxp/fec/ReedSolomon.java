package io.uxp.fec;

import io.uxp.api.spi.FecParams;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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

    /** Eight bytes of a byte array as one long; the byte order only has to match between load and store. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private final CauchyMatrix matrix;
    private final DecodeMatrixCache decodeCache;
    private final int[] rows;
    /** Scratch for a reconstruction: the shards read and the product-table rows applied to them. */
    private final byte[][] inputs;
    private final byte[][] tables;

    private ReedSolomon(CauchyMatrix matrix) {
        this.matrix = matrix;
        this.decodeCache = new DecodeMatrixCache(matrix);
        this.rows = new int[matrix.dataShards];
        this.inputs = new byte[matrix.dataShards][];
        this.tables = new byte[matrix.dataShards][];
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
            combine(matrix.tables[i], shards, offset, shards[d + i], length);
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
            for (int j = 0; j < d; j++) {
                inputs[j] = shards[rows[j]];
            }
            for (int m = 0; m < d; m++) {
                if (!present[m]) {
                    for (int j = 0; j < d; j++) {
                        tables[j] = Gf256.mulRow(inverse[m][j]);
                    }
                    combine(tables, inputs, offset, shards[m], length);
                }
            }
            Arrays.fill(inputs, null);
            for (int m = 0; m < d; m++) {
                present[m] = true;
            }
        }
        if (parityToo) {
            for (int i = 0; i < matrix.parityShards; i++) {
                if (!present[d + i]) {
                    combine(matrix.tables[i], shards, offset, shards[d + i], length);
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

    /**
     * {@code out = sum over j < d of tables[j] * inputs[j]}. Measured against building each output word
     * from all inputs in a register, one pass per input was faster here: the JIT unrolls the simple loop.
     */
    private void combine(byte[][] tables, byte[][] inputs, int offset, byte[] out, int length) {
        multiply(tables[0], inputs[0], offset, out, offset, length);
        for (int j = 1; j < matrix.dataShards; j++) {
            multiplyAdd(tables[j], inputs[j], offset, out, offset, length);
        }
    }

    /** {@code out = c * in}, with {@code table} the product-table row of c. */
    private static void multiply(byte[] table, byte[] in, int inOffset, byte[] out, int outOffset, int length) {
        int i = 0;
        // eight bytes per step: one wide load and one wide store instead of eight of each
        for (int wide = length - Long.BYTES; i <= wide; i += Long.BYTES) {
            LONGS.set(out, outOffset + i, multiply8(table, (long) LONGS.get(in, inOffset + i)));
        }
        for (; i < length; i++) {
            out[outOffset + i] = table[in[inOffset + i] & 0xFF];
        }
    }

    /** {@code out += c * in}: addition in GF(2^8) is XOR. */
    private static void multiplyAdd(byte[] table, byte[] in, int inOffset, byte[] out, int outOffset,
            int length) {
        int i = 0;
        for (int wide = length - Long.BYTES; i <= wide; i += Long.BYTES) {
            long product = multiply8(table, (long) LONGS.get(in, inOffset + i));
            LONGS.set(out, outOffset + i, (long) LONGS.get(out, outOffset + i) ^ product);
        }
        for (; i < length; i++) {
            out[outOffset + i] ^= table[in[inOffset + i] & 0xFF];
        }
    }

    /** Multiplies each of the eight bytes packed in {@code v} by the coefficient of {@code table}. */
    private static long multiply8(byte[] table, long v) {
        return (table[(int) v & 0xFF] & 0xFFL)
                | (table[(int) (v >>> 8) & 0xFF] & 0xFFL) << 8
                | (table[(int) (v >>> 16) & 0xFF] & 0xFFL) << 16
                | (table[(int) (v >>> 24) & 0xFF] & 0xFFL) << 24
                | (table[(int) (v >>> 32) & 0xFF] & 0xFFL) << 32
                | (table[(int) (v >>> 40) & 0xFF] & 0xFFL) << 40
                | (table[(int) (v >>> 48) & 0xFF] & 0xFFL) << 48
                | (table[(int) (v >>> 56) & 0xFF] & 0xFFL) << 56;
    }
}
