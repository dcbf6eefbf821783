package io.uxp.bench;

import io.uxp.fec.ReedSolomon;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Reed-Solomon encode and reconstruct of one group: d data shards of 1,400 bytes (a KCP datagram under a
 * 1,500-byte MTU) and p parity shards; kcp-go's 10+3 by default.
 *
 * <p>Each invocation counts as one operation per data byte ({@link OperationsPerInvocation}), and the
 * unit is microseconds, so the score in ops/us reads directly as MB/s (10^6 bytes per second) of data
 * encoded or rebuilt through. {@code -prof gc}'s {@code gc.alloc.rate.norm} is then bytes allocated per
 * data byte; the figure to read is whether it is zero.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ReedSolomonBenchmark {

    /** Data shards per group, times shard length: the data bytes of one group. */
    private static final int GROUP_DATA_BYTES = 10 * 1400;

    /** Shard length, in bytes: a 1,400-byte KCP datagram. */
    private static final int SHARD_BYTES = 1400;

    /** Data shards; {@link #GROUP_DATA_BYTES} assumes 10. */
    @Param("10")
    public int dataShards;

    /** Parity shards. */
    @Param("3")
    public int parityShards;

    private ReedSolomon codec;
    private byte[][] shards;
    private boolean[] present;

    /** Fills the data shards with random bytes and encodes them once. */
    @Setup(Level.Trial)
    public void setUp() {
        codec = ReedSolomon.create(dataShards, parityShards);
        shards = new byte[dataShards + parityShards][SHARD_BYTES];
        SplittableRandom random = new SplittableRandom(1);
        for (int j = 0; j < dataShards; j++) {
            random.nextBytes(shards[j]);
        }
        codec.encode(shards, 0, SHARD_BYTES);
        present = new boolean[dataShards + parityShards];
    }

    /**
     * @return the shards, so the work cannot be discarded
     */
    @Benchmark
    @OperationsPerInvocation(GROUP_DATA_BYTES)
    public byte[][] encode() {
        codec.encode(shards, 0, SHARD_BYTES);
        return shards;
    }

    /**
     * Rebuilds as many data shards as there are parity shards (the worst case the code can repair), spread
     * over the group: the first, one in the middle, the last.
     *
     * @return the shards, so the work cannot be discarded
     */
    @Benchmark
    @OperationsPerInvocation(GROUP_DATA_BYTES)
    public byte[][] reconstruct() {
        Arrays.fill(present, true);
        for (int i = 0; i < parityShards; i++) {
            present[i * (dataShards - 1) / Math.max(1, parityShards - 1)] = false;
        }
        if (!codec.reconstructData(shards, present, 0, SHARD_BYTES)) {
            throw new IllegalStateException("cannot reconstruct");
        }
        return shards;
    }
}
