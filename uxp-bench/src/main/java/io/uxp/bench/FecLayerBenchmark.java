package io.uxp.bench;

import io.uxp.api.spi.FecDecoder;
import io.uxp.api.spi.FecEncoder;
import io.uxp.api.spi.FecParams;
import io.uxp.api.spi.FecProvider;
import io.uxp.api.spi.PacketSink;
import io.uxp.api.spi.ProviderRegistry;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The whole {@code reed-solomon} FEC layer through its SPI, as a connection uses it: ten 1,400-byte packets
 * go through the 10+3 encoder, one data shard of the group is lost, and the decoder takes the other twelve
 * shards, passing nine packets up at once and rebuilding the tenth. Scores read as MB/s of packet bytes
 * (ops/us with one operation per packet byte); {@code -prof gc} shows allocation per byte.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FecLayerBenchmark {

    private static final int PACKET_BYTES = 1400;
    private static final int DATA_SHARDS = 10;
    private static final int GROUP_PACKET_BYTES = DATA_SHARDS * PACKET_BYTES;
    /** Room before each packet for the FEC header (and a record header a connection would add). */
    private static final int HEADROOM = 32;
    /** Index, within each group of 13 shards, of the data shard the link loses. */
    private static final int LOST_SHARD = 4;

    private FecEncoder encoder;
    private FecDecoder decoder;
    private byte[] packet;
    private long now;
    private Link link;

    /** Hands shards to the decoder, minus one per group; counts what comes up. */
    private static final class Link implements PacketSink {
        final FecDecoder decoder;
        final PacketSink up;
        int shard;
        long now;

        Link(FecDecoder decoder, PacketSink up) {
            this.decoder = decoder;
            this.up = up;
        }

        @Override
        public void accept(byte[] buffer, int offset, int length) {
            if (shard++ % 13 != LOST_SHARD) {
                decoder.decode(buffer, offset, length, now, up);
            }
        }
    }

    /** Packets passed up, consumed by the blackhole. */
    private static final class Up implements PacketSink {
        Blackhole blackhole;

        @Override
        public void accept(byte[] buffer, int offset, int length) {
            blackhole.consume(length);
        }
    }

    private final Up up = new Up();

    /** Makes the encoder and decoder through the provider registry, as the runtime does. */
    @Setup(Level.Trial)
    public void setUp() {
        FecProvider fec = ProviderRegistry.load().fec("reed-solomon");
        FecParams params = new FecParams(DATA_SHARDS, 3);
        encoder = fec.newEncoder(params, PACKET_BYTES, HEADROOM, 16, 10);
        decoder = fec.newDecoder(params, PACKET_BYTES, 1000);
        packet = new byte[HEADROOM + fec.overheadBytes(params) + PACKET_BYTES + 16];
        new SplittableRandom(1).nextBytes(packet);
        link = new Link(decoder, up);
    }

    /**
     * @param blackhole receives what the decoder passes up
     * @return packets rebuilt so far, so the work cannot be discarded
     */
    @Benchmark
    @OperationsPerInvocation(GROUP_PACKET_BYTES)
    public long encodeLoseOneDecodeGroup(Blackhole blackhole) {
        up.blackhole = blackhole;
        for (int i = 0; i < DATA_SHARDS; i++) {
            link.now = ++now;
            encoder.encode(packet, packet.length - 16 - PACKET_BYTES, PACKET_BYTES, now, link);
        }
        return decoder.recoveredPackets();
    }
}
