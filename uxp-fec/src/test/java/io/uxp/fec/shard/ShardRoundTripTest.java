package io.uxp.fec.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.spi.FecDecoder;
import io.uxp.api.spi.FecEncoder;
import io.uxp.api.spi.FecParams;
import io.uxp.fec.ReedSolomon;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Packets through the encoder, a lossy wire and the decoder come out whole. */
class ShardRoundTripTest {

    private static final int MAX_PACKET = 300;
    private static final int FLUSH_MILLIS = 10;
    private static final int TIMEOUT_MILLIS = 1000;

    private final ReedSolomonFecProvider provider = new ReedSolomonFecProvider();

    private static List<byte[]> packets(int count, long seed) {
        Random random = new Random(seed);
        List<byte[]> packets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] p = new byte[1 + random.nextInt(MAX_PACKET)];
            random.nextBytes(p);
            packets.add(p);
        }
        return packets;
    }

    private static List<String> hex(List<byte[]> packets) {
        return packets.stream().map(Arrays::toString).sorted().toList();
    }

    @Property(tries = 60)
    void everyPacketArrivesOnceWhenNoGroupLosesMoreThanItsParity(@ForAll @IntRange(min = 1, max = 12) int d,
            @ForAll @IntRange(min = 0, max = 4) int p, @ForAll @IntRange(min = 1, max = 60) int count,
            @ForAll long seed) {
        FecParams params = new FecParams(d, p);
        FecEncoder encoder = provider.newEncoder(params, MAX_PACKET, Shards.ROOM, Shards.ROOM, FLUSH_MILLIS);
        FecDecoder decoder = provider.newDecoder(params, MAX_PACKET, TIMEOUT_MILLIS);
        List<byte[]> sent = packets(count, seed);
        Shards.Collector wire = new Shards.Collector();
        for (byte[] packet : sent) {
            Shards.encode(encoder, packet, 0, wire);
        }
        encoder.flush(encoder.nextFlushMillis(), wire);
        assertThat(encoder.nextFlushMillis()).isEqualTo(Long.MAX_VALUE);

        Random loss = new Random(seed ^ 0x5EED);
        int n = d + p;
        Shards.Collector received = new Shards.Collector();
        long lostData = 0;
        int[] lostInGroup = new int[(int) (Shards.sequence(wire.packets.get(wire.packets.size() - 1)) / n) + 1];
        for (byte[] shard : wire.packets) {
            int group = (int) (Shards.sequence(shard) / n);
            if (lostInGroup[group] < p && loss.nextInt(3) == 0) {
                lostInGroup[group]++;
                lostData += Shards.isParity(shard) ? 0 : 1;
                continue;
            }
            assertThat(Shards.decode(decoder, shard, 1, received)).isTrue();
        }

        assertThat(hex(received.packets)).isEqualTo(hex(sent));
        assertThat(decoder.recoveredPackets()).isEqualTo(lostData);
        assertThat(decoder.droppedShards()).isZero();
    }

    @Test
    void aPartialGroupIsClosedAfterTheFlushDelayAndItsParitySaysHowManyPacketsItHolds() {
        FecParams params = new FecParams(10, 3);
        FecEncoder encoder = provider.newEncoder(params, MAX_PACKET, Shards.ROOM, Shards.ROOM, FLUSH_MILLIS);
        Shards.Collector wire = new Shards.Collector();
        assertThat(encoder.nextFlushMillis()).isEqualTo(Long.MAX_VALUE);

        Shards.encode(encoder, new byte[] {1, 1, 1}, 100, wire);
        Shards.encode(encoder, new byte[] {2, 2}, 105, wire);
        assertThat(encoder.nextFlushMillis()).isEqualTo(110);
        encoder.flush(109, wire);
        assertThat(wire.packets).hasSize(2);
        encoder.flush(110, wire);

        assertThat(wire.packets).hasSize(5);
        assertThat(wire.packets.subList(2, 5)).allSatisfy(shard -> {
            assertThat(Shards.isParity(shard)).isTrue();
            assertThat(shard[ShardHeader.GROUP_DATA_SHARDS]).isEqualTo((byte) 2);
        });
        assertThat(wire.packets.stream().map(Shards::sequence)).containsExactly(0L, 1L, 10L, 11L, 12L);

        // both packets lost: two parity shards stand in for them, the eight never-sent ones are known zeros
        FecDecoder decoder = provider.newDecoder(params, MAX_PACKET, TIMEOUT_MILLIS);
        Shards.Collector received = new Shards.Collector();
        Shards.decode(decoder, wire.packets.get(3), 111, received);
        Shards.decode(decoder, wire.packets.get(4), 111, received);
        assertThat(hex(received.packets)).isEqualTo(hex(List.of(new byte[] {1, 1, 1}, new byte[] {2, 2})));
        assertThat(decoder.recoveredPackets()).isEqualTo(2);

        // the next group starts on the next boundary
        Shards.encode(encoder, new byte[] {3}, 200, wire);
        assertThat(Shards.sequence(wire.packets.get(5))).isEqualTo(13);
    }

    @Test
    void groupsStayAlignedAcrossTheSequenceWrapAndStillRepairLosses() {
        FecParams params = new FecParams(10, 3);
        long limit = ShardHeader.sequenceLimit(13);
        FecEncoder encoder = new ShardEncoder(ReedSolomon.create(10, 3), MAX_PACKET, Shards.ROOM, Shards.ROOM,
                FLUSH_MILLIS, limit - 2 * 13);
        FecDecoder decoder = provider.newDecoder(params, MAX_PACKET, TIMEOUT_MILLIS);
        List<byte[]> sent = packets(40, 3);
        Shards.Collector wire = new Shards.Collector();
        for (byte[] packet : sent) {
            Shards.encode(encoder, packet, 0, wire);
        }

        List<Long> sequences = wire.packets.stream().map(Shards::sequence).toList();
        assertThat(sequences).contains(limit - 1, 0L).doesNotContain(limit);
        assertThat(sequences.get(sequences.indexOf(limit - 1) + 1)).isZero();
        Shards.Collector received = new Shards.Collector();
        for (byte[] shard : wire.packets) {
            long seq = Shards.sequence(shard);
            // lose three data shards in the group before the wrap, and three in the one after
            boolean lost = seq == limit - 13 || seq == limit - 12 || seq == limit - 5 || seq == 0 || seq == 4
                    || seq == 9;
            if (!lost) {
                Shards.decode(decoder, shard, 0, received);
            }
        }

        assertThat(hex(received.packets)).isEqualTo(hex(sent));
        assertThat(decoder.recoveredPackets()).isEqualTo(6);
    }

    @Test
    void aLaterStageMaySealShardsInPlaceAndUseTheRoomWithoutCorruptingParity() {
        FecParams params = new FecParams(3, 2);
        FecEncoder encoder = provider.newEncoder(params, MAX_PACKET, Shards.ROOM, Shards.ROOM, FLUSH_MILLIS);
        Shards.Collector wire = new Shards.Collector();
        // keep a copy, then scribble over the shard and both rooms, as a cipher sealing in place would
        io.uxp.api.spi.PacketSink sealer = (buffer, offset, length) -> {
            wire.accept(buffer, offset, length);
            Arrays.fill(buffer, offset - Shards.ROOM, offset + length + Shards.ROOM, (byte) 0xA5);
        };
        List<byte[]> sent = packets(12, 9);
        for (byte[] packet : sent) {
            Shards.encode(encoder, packet, 0, sealer);
        }
        FecDecoder decoder = provider.newDecoder(params, MAX_PACKET, TIMEOUT_MILLIS);
        Shards.Collector received = new Shards.Collector();
        for (int i = 0; i < wire.packets.size(); i++) {
            if (i % 5 != 0 && i % 5 != 2) {
                Shards.decode(decoder, wire.packets.get(i), 0, received);
            }
        }

        assertThat(hex(received.packets)).isEqualTo(hex(sent));
    }

    @Test
    void withoutParityShardsPacketsPassThroughWithAHeaderAndNothingWaits() {
        FecParams params = new FecParams(4, 0);
        FecEncoder encoder = provider.newEncoder(params, MAX_PACKET, 0, 0, FLUSH_MILLIS);
        FecDecoder decoder = provider.newDecoder(params, MAX_PACKET, TIMEOUT_MILLIS);
        Shards.Collector wire = new Shards.Collector();
        List<byte[]> sent = packets(9, 4);
        for (byte[] packet : sent) {
            Shards.encode(encoder, packet, 0, wire);
        }
        assertThat(encoder.nextFlushMillis()).isEqualTo(Long.MAX_VALUE);
        assertThat(wire.packets).hasSize(9).noneMatch(Shards::isParity);
        Shards.Collector received = new Shards.Collector();
        wire.packets.forEach(shard -> Shards.decode(decoder, shard, 0, received));

        assertThat(hex(received.packets)).isEqualTo(hex(sent));
    }

    @Test
    void aShardSeenTwiceOrARebuiltPacketArrivingLateIsDroppedNotDeliveredTwice() {
        FecParams params = new FecParams(2, 1);
        FecEncoder encoder = provider.newEncoder(params, MAX_PACKET, Shards.ROOM, Shards.ROOM, FLUSH_MILLIS);
        FecDecoder decoder = provider.newDecoder(params, MAX_PACKET, TIMEOUT_MILLIS);
        Shards.Collector wire = new Shards.Collector();
        Shards.encode(encoder, new byte[] {1}, 0, wire);
        Shards.encode(encoder, new byte[] {2}, 0, wire);
        Shards.Collector received = new Shards.Collector();

        assertThat(Shards.decode(decoder, wire.packets.get(0), 0, received)).isTrue();
        assertThat(Shards.decode(decoder, wire.packets.get(0), 0, received)).isFalse();
        assertThat(Shards.decode(decoder, wire.packets.get(2), 0, received)).isTrue();
        assertThat(Shards.decode(decoder, wire.packets.get(1), 0, received)).isFalse();

        assertThat(received.packets).containsExactly(new byte[] {1}, new byte[] {2});
        assertThat(decoder.recoveredPackets()).isEqualTo(1);
        assertThat(decoder.droppedShards()).isEqualTo(2);
    }
}
