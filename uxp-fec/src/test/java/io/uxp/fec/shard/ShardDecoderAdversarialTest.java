package io.uxp.fec.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.spi.FecEncoder;
import io.uxp.api.spi.FecParams;
import io.uxp.fec.ReedSolomon;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/** Whatever shards arrive, the decoder neither throws nor grows, and never passes up an oversized packet. */
class ShardDecoderAdversarialTest {

    private static final int MAX_PACKET = 64;
    private static final int TIMEOUT_MILLIS = 50;
    private static final long LIMIT_10_3 = ShardHeader.sequenceLimit(13);

    private static ShardDecoder decoder() {
        return new ShardDecoder(ReedSolomon.create(10, 3), MAX_PACKET, TIMEOUT_MILLIS);
    }

    /** A shard with a chosen header and a body of {@code bodyLength} bytes of {@code fill}. */
    private static byte[] shard(long sequence, byte kind, int groupData, int lengthField, int bodyLength,
            byte fill) {
        byte[] s = new byte[ShardHeader.OVERHEAD + bodyLength];
        ShardHeader.writeSequence(s, 0, sequence);
        s[ShardHeader.KIND] = kind;
        s[ShardHeader.GROUP_DATA_SHARDS] = (byte) groupData;
        ShardHeader.writeU16(s, ShardHeader.CODED, lengthField);
        Arrays.fill(s, ShardHeader.OVERHEAD, s.length, fill);
        return s;
    }

    private static byte[] data(long sequence, int length) {
        return shard(sequence, ShardHeader.KIND_DATA, 0, length, length, (byte) 1);
    }

    private static byte[] parity(long sequence, int groupData, int codedLength) {
        return shard(sequence, ShardHeader.KIND_PARITY, groupData, 0, codedLength - ShardHeader.LENGTH_BYTES,
                (byte) 7);
    }

    @Provide
    Arbitrary<List<byte[]>> hostileStreams() {
        Arbitrary<Long> sequences = Arbitraries.oneOf(Arbitraries.longs().between(0, 0xFFFF_FFFFL),
                Arbitraries.longs().between(0, 40), Arbitraries.longs().between(LIMIT_10_3 - 40, LIMIT_10_3 + 8),
                Arbitraries.of(0L, 0xFFFF_FFFFL, 1L << 31, LIMIT_10_3 - 1, LIMIT_10_3));
        Arbitrary<Byte> kinds = Arbitraries.oneOf(Arbitraries.of(ShardHeader.KIND_DATA, ShardHeader.KIND_PARITY),
                Arbitraries.bytes());
        Arbitrary<Integer> counts = Arbitraries.oneOf(Arbitraries.integers().between(0, 12),
                Arbitraries.integers().between(0, 255));
        Arbitrary<Integer> lengthFields = Arbitraries.oneOf(Arbitraries.integers().between(0, MAX_PACKET + 4),
                Arbitraries.integers().between(0, 0xFFFF));
        Arbitrary<Integer> bodies = Arbitraries.integers().between(0, MAX_PACKET + 16);
        Arbitrary<byte[]> wellFormedHeaders = Combinators.combine(sequences, kinds, counts, lengthFields, bodies)
                .as((seq, kind, count, lengthField, body) -> shard(seq, kind, count, lengthField, body, (byte) 3));
        Arbitrary<byte[]> truncatedOrJunk = Arbitraries.bytes().array(byte[].class).ofMaxSize(MAX_PACKET + 20);
        return Arbitraries.frequencyOf(Tuple.of(8, wellFormedHeaders), Tuple.of(2, truncatedOrJunk)).list()
                .ofMaxSize(120);
    }

    @Property(tries = 200)
    void anyShardSequenceLeavesTheDecoderBoundedAndPassesUpNothingOversized(
            @ForAll("hostileStreams") List<byte[]> shards, @ForAll long timeSeed) {
        ShardDecoder decoder = decoder();
        Shards.Collector up = new Shards.Collector();
        long now = timeSeed & 0xFFFF;
        long accepted = 0;
        for (byte[] s : shards) {
            now += Math.floorMod(s.length * 7 + timeSeed, 9);
            accepted += Shards.decode(decoder, s, now, up) ? 1 : 0;
            assertThat(decoder.liveGroups()).isLessThanOrEqualTo(ShardDecoder.MAX_LIVE_GROUPS);
            assertThat(decoder.allocatedGroups()).isLessThanOrEqualTo(ShardDecoder.MAX_LIVE_GROUPS);
        }
        assertThat(up.packets).allSatisfy(p -> assertThat(p.length).isLessThanOrEqualTo(MAX_PACKET));
        assertThat(accepted + decoder.droppedShards()).isEqualTo(shards.size());
    }

    @Test
    void truncatedHeadersAndSequenceNumbersPastTheWrapAreDropped() {
        ShardDecoder decoder = decoder();
        Shards.Collector up = new Shards.Collector();
        for (int length = 0; length < ShardHeader.OVERHEAD; length++) {
            assertThat(decoder.decode(new byte[length], 0, length, 0, up)).isFalse();
        }
        assertThat(decoder.decode(new byte[4], 2, 8, 0, up)).as("length past the buffer").isFalse();
        assertThat(decoder.decode(null, 0, 8, 0, up)).isFalse();
        assertThat(Shards.decode(decoder, data(LIMIT_10_3, 3), 0, up)).isFalse();
        assertThat(Shards.decode(decoder, data(0xFFFF_FFFFL, 3), 0, up)).isFalse();
        assertThat(Shards.decode(decoder, data(LIMIT_10_3 - 4, 3), 0, up)).as("last data index before the wrap")
                .isTrue();

        assertThat(up.packets).hasSize(1);
        assertThat(decoder.droppedShards()).isEqualTo(12);
    }

    @Test
    void lengthsThatDisagreeWithTheShardOrExceedTheLimitAreDropped() {
        ShardDecoder decoder = decoder();
        Shards.Collector up = new Shards.Collector();

        assertThat(Shards.decode(decoder, shard(0, ShardHeader.KIND_DATA, 0, 9, 5, (byte) 1), 0, up)).isFalse();
        assertThat(Shards.decode(decoder, shard(1, ShardHeader.KIND_DATA, 0, 0xFFFF, 5, (byte) 1), 0, up))
                .isFalse();
        assertThat(Shards.decode(decoder, data(2, MAX_PACKET + 1), 0, up)).isFalse();
        assertThat(Shards.decode(decoder, data(3, 5).clone(), 0, up)).isTrue();
        assertThat(Shards.decode(decoder, parity(10, 10, MAX_PACKET + 3), 0, up)).as("parity too long").isFalse();
        assertThat(Shards.decode(decoder, parity(11, 0, 8), 0, up)).as("parity of an empty group").isFalse();
        assertThat(Shards.decode(decoder, parity(12, 11, 8), 0, up)).as("parity of 11 of 10").isFalse();
        assertThat(Shards.decode(decoder, parity(5, 10, 8), 0, up)).as("parity at a data index").isFalse();
        assertThat(Shards.decode(decoder, data(12, 5), 0, up)).as("data at a parity index").isFalse();
        assertThat(Shards.decode(decoder, shard(13, (byte) 0x42, 0, 5, 5, (byte) 1), 0, up)).isFalse();

        assertThat(up.packets).hasSize(1);
    }

    @Test
    void parityForGroupsNeverSeenAndGroupsThatNeverCompleteTakeAtMostTheSlotsAndThenExpire() {
        ShardDecoder decoder = decoder();
        Shards.Collector up = new Shards.Collector();
        for (long group = 0; group < 1000; group++) {
            assertThat(Shards.decode(decoder, parity(group * 13 + 10, 10, 20), 0, up)).isTrue();
            assertThat(decoder.liveGroups()).isLessThanOrEqualTo(ShardDecoder.MAX_LIVE_GROUPS);
        }
        assertThat(decoder.liveGroups()).isEqualTo(ShardDecoder.MAX_LIVE_GROUPS);
        assertThat(decoder.allocatedGroups()).isEqualTo(ShardDecoder.MAX_LIVE_GROUPS);

        // one more shard after the timeout: every incomplete group has expired
        assertThat(Shards.decode(decoder, parity(999 * 13 + 11, 10, 20), TIMEOUT_MILLIS, up)).isFalse();
        assertThat(decoder.liveGroups()).isZero();
        assertThat(up.packets).isEmpty();
    }

    @Test
    void shardsOfGroupsFarBehindTheNewestAreNotKeptButTheirPacketsStillGoUp() {
        ShardDecoder decoder = decoder();
        Shards.Collector up = new Shards.Collector();
        Shards.decode(decoder, data(100 * 13, 4), 0, up);

        assertThat(Shards.decode(decoder, parity(50 * 13 + 10, 10, 6), 0, up)).isFalse();
        assertThat(Shards.decode(decoder, data(50 * 13 + 1, 4), 0, up)).isTrue();
        assertThat(decoder.liveGroups()).isEqualTo(1);
        assertThat(up.packets).hasSize(2);
    }

    @Test
    void hugeJumpsAndRepeatsAcrossTheWrapNeverBreakTheDecoder() {
        ShardDecoder decoder = decoder();
        Shards.Collector up = new Shards.Collector();
        long[] sequences = {0, LIMIT_10_3 - 3, 10, 1L << 31, LIMIT_10_3 - 1, 11, 0, 12, (1L << 31) + 3, 10};
        for (int round = 0; round < 50; round++) {
            for (long seq : sequences) {
                byte[] s = seq % 13 < 10 ? data(seq, 3) : parity(seq, 1 + round % 10, 5);
                Shards.decode(decoder, s, round, up);
                assertThat(decoder.liveGroups()).isLessThanOrEqualTo(ShardDecoder.MAX_LIVE_GROUPS);
            }
        }
        assertThat(up.packets).allSatisfy(p -> assertThat(p).hasSizeLessThanOrEqualTo(MAX_PACKET));
    }

    @Test
    void inconsistentParityOfOneGroupRebuildsNothingOversized() {
        FecParams params = new FecParams(3, 2);
        ReedSolomonFecProvider provider = new ReedSolomonFecProvider();
        FecEncoder encoder = provider.newEncoder(params, MAX_PACKET, Shards.ROOM, Shards.ROOM, 10);
        Shards.Collector wire = new Shards.Collector();
        for (int i = 0; i < 3; i++) {
            Shards.encode(encoder, new byte[] {(byte) i, 2, 3}, 0, wire);
        }
        ShardDecoder decoder = new ShardDecoder(ReedSolomon.create(3, 2), MAX_PACKET, TIMEOUT_MILLIS);
        Shards.Collector up = new Shards.Collector();
        // a corrupted parity shard (as if the peer were buggy) in place of two data shards
        byte[] bent = wire.packets.get(3).clone();
        bent[ShardHeader.CODED] ^= (byte) 0xFF;
        bent[ShardHeader.CODED + 1] ^= (byte) 0x7F;
        Shards.decode(decoder, bent, 0, up);
        Shards.decode(decoder, wire.packets.get(4), 0, up);
        Shards.decode(decoder, wire.packets.get(2), 0, up);

        assertThat(up.packets).allSatisfy(p -> assertThat(p).hasSizeLessThanOrEqualTo(MAX_PACKET));
        assertThat(decoder.liveGroups()).isZero();
    }
}
