package io.uxp.fec.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.spi.FecEncoder;
import io.uxp.api.spi.FecParams;
import io.uxp.fec.GfReference;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The shard bytes on the wire, checked against docs/FEC.md and an independent model of the code. */
class ShardLayoutTest {

    private final ReedSolomonFecProvider provider = new ReedSolomonFecProvider();

    @Test
    void aOnePlusOneGroupIsADataShardAndAParityCopyOfItsCodedRegion() {
        FecEncoder encoder = provider.newEncoder(new FecParams(1, 1), 100, Shards.ROOM, Shards.ROOM, 10);
        Shards.Collector wire = new Shards.Collector();

        Shards.encode(encoder, new byte[] {'h', 'i'}, 0, wire);

        // seq 0 (u32 LE), kind 0xF1, count 0, length 2 (u16 LE), then the packet
        assertThat(wire.packets.get(0)).containsExactly(0, 0, 0, 0, 0xF1, 0, 2, 0, 'h', 'i');
        // seq 1, kind 0xF2, the group held 1 data shard; C[0][0] = 1/(1 XOR 0) = 1, so the coded region
        // (length 2, 'h', 'i') is copied unchanged
        assertThat(wire.packets.get(1)).containsExactly(1, 0, 0, 0, 0xF2, 1, 2, 0, 'h', 'i');
        assertThat(wire.packets).hasSize(2);
        assertThat(provider.overheadBytes(new FecParams(1, 1))).isEqualTo(8);
    }

    @Test
    void parityOfUnequalPacketsIsTheCodeOverZeroPaddedLengthPrefixedRegions() {
        FecEncoder encoder = provider.newEncoder(new FecParams(3, 2), 100, Shards.ROOM, Shards.ROOM, 10);
        Shards.Collector wire = new Shards.Collector();
        byte[][] packets = {{1, 2, 3, 4, 5}, {9}, {7, 7, 7}};

        for (byte[] packet : packets) {
            Shards.encode(encoder, packet, 0, wire);
        }

        // the coded region of each data shard: u16 LE length, the packet, zeros up to the longest (7 bytes)
        byte[][] coded = new byte[3][7];
        for (int j = 0; j < 3; j++) {
            coded[j][0] = (byte) packets[j].length;
            System.arraycopy(packets[j], 0, coded[j], 2, packets[j].length);
        }
        byte[][] parity = GfReference.parity(coded, 2);
        assertThat(wire.packets).hasSize(5);
        for (int i = 0; i < 2; i++) {
            byte[] shard = wire.packets.get(3 + i);
            assertThat(Arrays.copyOfRange(shard, 0, 6)).containsExactly(3 + i, 0, 0, 0, 0xF2, 3);
            assertThat(Arrays.copyOfRange(shard, 6, shard.length)).isEqualTo(parity[i]);
        }
    }

    @Test
    void sequenceNumbersWrapAtTheLastWholeGroupBelowTwoToThe32() {
        // 2^32 = 4294967296 = 330382099 * 13 + 9, so a 10+3 code wraps at 4294967287
        assertThat(ShardHeader.sequenceLimit(13)).isEqualTo(4_294_967_287L);
        assertThat(ShardHeader.sequenceLimit(5)).isEqualTo(4_294_967_295L);
        assertThat(ShardHeader.sequenceLimit(1)).isEqualTo(4_294_967_296L);
        byte[] b = new byte[4];
        ShardHeader.writeSequence(b, 0, 0xFFFF_FFFEL);
        assertThat(b).containsExactly(0xFE, 0xFF, 0xFF, 0xFF);
        assertThat(ShardHeader.readSequence(b, 0)).isEqualTo(0xFFFF_FFFEL);
    }
}
