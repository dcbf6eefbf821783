package io.uxp.fec.shard;

import io.uxp.api.spi.FecEncoder;
import io.uxp.api.spi.PacketSink;
import io.uxp.fec.ReedSolomon;
import java.util.Arrays;
import java.util.Objects;

/**
 * Turns outgoing packets into data shards, written in place with their header in front, and closes each
 * group of d with p parity shards. Parity is accumulated packet by packet into preallocated buffers, so
 * no packet is copied and nothing is allocated per packet; a partial group is closed by {@link #flush}
 * once its flush delay has passed, and its parity shards carry how many data shards it really holds.
 *
 * <p>Threading: one owner thread, the connection's.
 */
final class ShardEncoder implements FecEncoder {

    private final ReedSolomon codec;
    private final int dataShards;
    private final int parityShards;
    private final int totalShards;
    private final int maxPacketBytes;
    private final int headroomBytes;
    private final int tailroomBytes;
    private final int flushDelayMillis;
    private final long sequenceLimit;
    /** Parity shards under construction: headroom, header, coded region, tailroom. */
    private final byte[][] parity;
    private final int parityCodedOffset;

    private long groupBase;
    private int dataInGroup;
    private int groupCodedBytes;
    private long groupOpenedMillis;

    ShardEncoder(ReedSolomon codec, int maxPacketBytes, int headroomBytes, int tailroomBytes,
            int flushDelayMillis, long firstSequence) {
        this.codec = codec;
        this.dataShards = codec.dataShards();
        this.parityShards = codec.parityShards();
        this.totalShards = codec.totalShards();
        this.maxPacketBytes = maxPacketBytes;
        this.headroomBytes = headroomBytes;
        this.tailroomBytes = tailroomBytes;
        this.flushDelayMillis = flushDelayMillis;
        this.sequenceLimit = ShardHeader.sequenceLimit(totalShards);
        this.groupBase = firstSequence / totalShards * totalShards % sequenceLimit;
        this.parity = new byte[parityShards][headroomBytes + ShardHeader.OVERHEAD + maxPacketBytes
                + tailroomBytes];
        this.parityCodedOffset = headroomBytes + ShardHeader.CODED;
    }

    @Override
    public void encode(byte[] buffer, int offset, int length, long nowMillis, PacketSink sink) {
        if (length < 0 || length > maxPacketBytes) {
            throw new IllegalArgumentException("packet of " + length + " bytes; this FEC encoder takes 0 to "
                    + maxPacketBytes);
        }
        if (offset < ShardHeader.OVERHEAD) {
            throw new IllegalArgumentException("packet at offset " + offset + " leaves no room for the "
                    + ShardHeader.OVERHEAD + "-byte FEC header");
        }
        Objects.checkFromIndexSize(offset, length, buffer.length);
        int shard = offset - ShardHeader.OVERHEAD;
        ShardHeader.writeSequence(buffer, shard, groupBase + dataInGroup);
        buffer[shard + ShardHeader.KIND] = ShardHeader.KIND_DATA;
        buffer[shard + ShardHeader.GROUP_DATA_SHARDS] = 0;
        ShardHeader.writeU16(buffer, shard + ShardHeader.CODED, length);
        int coded = ShardHeader.LENGTH_BYTES + length;
        if (parityShards > 0) {
            // before the sink runs: the next stage may encrypt the shard in place
            codec.accumulate(dataInGroup, buffer, shard + ShardHeader.CODED, coded, parity, parityCodedOffset);
            groupCodedBytes = Math.max(groupCodedBytes, coded);
        }
        if (dataInGroup == 0) {
            groupOpenedMillis = nowMillis;
        }
        dataInGroup++;
        sink.accept(buffer, shard, ShardHeader.OVERHEAD + length);
        if (dataInGroup == dataShards) {
            closeGroup(sink);
        }
    }

    @Override
    public void flush(long nowMillis, PacketSink sink) {
        if (parityShards > 0 && dataInGroup > 0 && nowMillis >= groupOpenedMillis + flushDelayMillis) {
            closeGroup(sink);
        }
    }

    @Override
    public long nextFlushMillis() {
        return parityShards > 0 && dataInGroup > 0 ? groupOpenedMillis + flushDelayMillis : Long.MAX_VALUE;
    }

    /** Emits the group's parity shards (if any) and moves to the next group boundary. */
    private void closeGroup(PacketSink sink) {
        for (int i = 0; i < parityShards; i++) {
            byte[] shard = parity[i];
            ShardHeader.writeSequence(shard, headroomBytes, groupBase + dataShards + i);
            shard[headroomBytes + ShardHeader.KIND] = ShardHeader.KIND_PARITY;
            shard[headroomBytes + ShardHeader.GROUP_DATA_SHARDS] = (byte) dataInGroup;
            sink.accept(shard, headroomBytes, ShardHeader.CODED + groupCodedBytes);
            // the sink may have sealed the shard in place and written its tailroom: clear both for the next group
            Arrays.fill(shard, parityCodedOffset, parityCodedOffset + groupCodedBytes + tailroomBytes, (byte) 0);
        }
        groupBase += totalShards;
        if (groupBase == sequenceLimit) {
            groupBase = 0;
        }
        dataInGroup = 0;
        groupCodedBytes = 0;
    }
}
