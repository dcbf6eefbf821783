package io.uxp.fec.shard;

import io.uxp.api.spi.FecDecoder;
import io.uxp.api.spi.PacketSink;
import io.uxp.fec.ReedSolomon;

/**
 * Turns authenticated shards back into packets. A data shard's packet goes up at once; a group's missing
 * data shards are rebuilt as soon as any d of its shards are present. Duplicates are dropped.
 *
 * <p>Bounded memory: groups live in {@link #MAX_LIVE_GROUPS} slots, indexed by group number modulo the
 * slot count. A newer group takes over an older group's slot; a shard of a group older than the slot's,
 * or more than the slot count behind the newest group seen, is stale: its packet still goes up if it is a
 * data shard (KCP discards what it already has), but it is not kept. Open groups also expire after the
 * group timeout. Malformed input is counted and dropped, never thrown.
 *
 * <p>Threading: one owner thread, the connection's.
 */
final class ShardDecoder implements FecDecoder {

    /** Groups kept at once: enough for several groups of reordering, bounded per connection. */
    static final int MAX_LIVE_GROUPS = 8;

    private final ReedSolomon codec;
    private final int dataShards;
    private final int parityShards;
    private final int totalShards;
    private final int maxPacketBytes;
    private final int maxCodedBytes;
    private final int groupTimeoutMillis;
    /** Group numbers run from 0 to this, exclusive, then wrap. */
    private final long groupSpace;
    private final long sequenceLimit;
    private final GroupSlot[] slots;

    private long newestGroup;
    private boolean anyGroupSeen;
    private long recovered;
    private long dropped;

    ShardDecoder(ReedSolomon codec, int maxPacketBytes, int groupTimeoutMillis) {
        this.codec = codec;
        this.dataShards = codec.dataShards();
        this.parityShards = codec.parityShards();
        this.totalShards = codec.totalShards();
        this.maxPacketBytes = maxPacketBytes;
        this.maxCodedBytes = ShardHeader.LENGTH_BYTES + maxPacketBytes;
        this.groupTimeoutMillis = groupTimeoutMillis;
        this.sequenceLimit = ShardHeader.sequenceLimit(totalShards);
        this.groupSpace = sequenceLimit / totalShards;
        this.slots = new GroupSlot[MAX_LIVE_GROUPS];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new GroupSlot(totalShards, maxCodedBytes);
        }
    }

    @Override
    public boolean decode(byte[] buffer, int offset, int length, long nowMillis, PacketSink sink) {
        expire(nowMillis);
        if (buffer == null || offset < 0 || length < ShardHeader.OVERHEAD || offset > buffer.length - length) {
            return drop();
        }
        long sequence = ShardHeader.readSequence(buffer, offset);
        if (sequence >= sequenceLimit) {
            return drop();
        }
        long group = sequence / totalShards;
        int index = (int) (sequence % totalShards);
        byte kind = buffer[offset + ShardHeader.KIND];
        int groupData = buffer[offset + ShardHeader.GROUP_DATA_SHARDS] & 0xFF;
        int coded = length - ShardHeader.CODED;
        if (kind == ShardHeader.KIND_DATA) {
            return decodeData(buffer, offset, length, group, index, groupData, nowMillis, sink);
        }
        if (kind == ShardHeader.KIND_PARITY && parityShards > 0 && index >= dataShards && groupData >= 1
                && groupData <= dataShards && coded <= maxCodedBytes) {
            return decodeParity(buffer, offset + ShardHeader.CODED, coded, group, index, groupData, nowMillis,
                    sink);
        }
        return drop();
    }

    private boolean decodeData(byte[] buffer, int offset, int length, long group, int index, int groupData,
            long nowMillis, PacketSink sink) {
        int packet = length - ShardHeader.OVERHEAD;
        if (index >= dataShards || groupData != 0 || packet > maxPacketBytes
                || ShardHeader.readU16(buffer, offset + ShardHeader.CODED) != packet) {
            return drop();
        }
        GroupSlot slot = parityShards > 0 ? slotFor(group, nowMillis) : null;
        if (slot != null) {
            if (slot.received[index]) {
                return drop();
            }
            // keep the coded bytes before the sink sees them: it may reuse the buffer
            slot.store(index, buffer, offset + ShardHeader.CODED, ShardHeader.LENGTH_BYTES + packet);
        }
        sink.accept(buffer, offset + ShardHeader.OVERHEAD, packet);
        if (slot != null && slot.state == GroupSlot.OPEN) {
            recover(slot, sink);
        }
        return true;
    }

    private boolean decodeParity(byte[] buffer, int codedOffset, int coded, long group, int index,
            int groupData, long nowMillis, PacketSink sink) {
        GroupSlot slot = slotFor(group, nowMillis);
        if (slot == null || slot.received[index] || slot.state == GroupSlot.EXPIRED
                || (slot.groupDataShardsKnown && slot.groupDataShards != groupData)) {
            return drop();
        }
        if (slot.state == GroupSlot.DONE) {
            // the group needs no repair: parity arriving after its data is the normal case, not a drop
            slot.received[index] = true;
            return true;
        }
        if (!slot.groupDataShardsKnown) {
            slot.limitDataShards(groupData, dataShards);
        }
        slot.store(index, buffer, codedOffset, coded);
        recover(slot, sink);
        return true;
    }

    /** Rebuilds the group's missing data shards once d shards are present, and passes them up. */
    private void recover(GroupSlot slot, PacketSink sink) {
        if (slot.dataComplete()) {
            slot.state = GroupSlot.DONE;
            return;
        }
        if (slot.present < dataShards) {
            return;
        }
        slot.padPresent();
        for (int i = 0; i < totalShards; i++) {
            slot.wasMissing[i] = !slot.received[i];
        }
        slot.state = GroupSlot.DONE;
        if (!codec.reconstructData(slot.shards, slot.received, 0, slot.codedMax)) {
            return;
        }
        for (int i = 0; i < slot.groupDataShards; i++) {
            if (slot.wasMissing[i]) {
                int packet = ShardHeader.readU16(slot.shards[i], 0);
                // a consistent group never rebuilds a length past its shards; an empty packet is no packet
                if (packet > 0 && packet <= slot.codedMax - ShardHeader.LENGTH_BYTES && packet <= maxPacketBytes) {
                    recovered++;
                    sink.accept(slot.shards[i], ShardHeader.LENGTH_BYTES, packet);
                }
            }
        }
    }

    /**
     * @return the slot holding {@code group}, a slot newly opened for it, or {@code null} if the group is
     *     stale (older than the group holding its slot, or too far behind the newest group)
     */
    private GroupSlot slotFor(long group, long nowMillis) {
        GroupSlot slot = slots[(int) (group % slots.length)];
        if (slot.state != GroupSlot.FREE && slot.group == group) {
            return slot;
        }
        if (anyGroupSeen && !isNewer(group, newestGroup)
                && Math.floorMod(newestGroup - group, groupSpace) >= slots.length) {
            return null;
        }
        if (slot.state != GroupSlot.FREE && !isNewer(group, slot.group)) {
            return null;
        }
        slot.open(group, nowMillis, dataShards, true);
        if (!anyGroupSeen || isNewer(group, newestGroup)) {
            newestGroup = group;
            anyGroupSeen = true;
        }
        return slot;
    }

    /** @return whether {@code a} follows {@code b} within half the group-number space (serial arithmetic) */
    private boolean isNewer(long a, long b) {
        long ahead = Math.floorMod(a - b, groupSpace);
        return ahead > 0 && ahead < (groupSpace + 1) / 2;
    }

    private void expire(long nowMillis) {
        for (GroupSlot slot : slots) {
            if (slot.state == GroupSlot.OPEN && nowMillis - slot.openedMillis >= groupTimeoutMillis) {
                slot.state = GroupSlot.EXPIRED;
            }
        }
    }

    private boolean drop() {
        dropped++;
        return false;
    }

    @Override
    public long recoveredPackets() {
        return recovered;
    }

    @Override
    public long droppedShards() {
        return dropped;
    }

    /** @return groups currently collecting shards; never more than {@link #MAX_LIVE_GROUPS} */
    int liveGroups() {
        int live = 0;
        for (GroupSlot slot : slots) {
            if (slot.state == GroupSlot.OPEN) {
                live++;
            }
        }
        return live;
    }

    /** @return slots that have allocated shard buffers: the decoder's memory, in groups */
    int allocatedGroups() {
        int allocated = 0;
        for (GroupSlot slot : slots) {
            if (slot.shards != null) {
                allocated++;
            }
        }
        return allocated;
    }
}
