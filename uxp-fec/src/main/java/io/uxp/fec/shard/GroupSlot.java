package io.uxp.fec.shard;

import java.util.Arrays;

/**
 * The receive state of one group: which shards arrived, their coded bytes and lengths. A decoder owns a
 * fixed number of slots and reuses them group after group; a slot's shard buffers are allocated the first
 * time it is used and kept, so a warm decoder allocates nothing. One owner thread.
 */
final class GroupSlot {

    /** Never used, or reset. */
    static final int FREE = 0;
    /** Collecting shards. */
    static final int OPEN = 1;
    /** Every data shard was received or rebuilt; kept to recognise duplicates. */
    static final int DONE = 2;
    /** Timed out incomplete; kept to recognise its late shards. */
    static final int EXPIRED = 3;

    private final int totalShards;
    private final int codedCapacity;

    int state = FREE;
    long group;
    long openedMillis;
    /** Data shards the group really holds: d, or fewer when its parity says it was closed early. */
    int groupDataShards;
    boolean groupDataShardsKnown;
    /** Shards present, real or implied (the zero shards past a partial group's end). */
    int present;
    int codedMax;
    final boolean[] received;
    final boolean[] wasMissing;
    final int[] codedLengths;
    byte[][] shards;

    GroupSlot(int totalShards, int codedCapacity) {
        this.totalShards = totalShards;
        this.codedCapacity = codedCapacity;
        this.received = new boolean[totalShards];
        this.wasMissing = new boolean[totalShards];
        this.codedLengths = new int[totalShards];
    }

    /** Starts collecting {@code newGroup}, forgetting whatever this slot held. */
    void open(long newGroup, long nowMillis, int dataShards, boolean storeShards) {
        state = OPEN;
        group = newGroup;
        openedMillis = nowMillis;
        groupDataShards = dataShards;
        groupDataShardsKnown = false;
        present = 0;
        codedMax = 0;
        Arrays.fill(received, false);
        if (storeShards && shards == null) {
            shards = new byte[totalShards][codedCapacity];
        }
    }

    /** Records a shard and, while the group is open, keeps a copy of its coded region. */
    void store(int index, byte[] buffer, int codedOffset, int codedLength) {
        received[index] = true;
        if (state == OPEN) {
            System.arraycopy(buffer, codedOffset, shards[index], 0, codedLength);
            codedLengths[index] = codedLength;
            codedMax = Math.max(codedMax, codedLength);
            present++;
        }
    }

    /**
     * A parity shard said the group was closed with only {@code count} data shards: the rest are implied
     * empty (all zero), exactly as the encoder treated them.
     */
    void limitDataShards(int count, int dataShards) {
        groupDataShards = count;
        groupDataShardsKnown = true;
        for (int i = count; i < dataShards; i++) {
            if (!received[i]) {
                received[i] = true;
                codedLengths[i] = 0;
                present++;
            }
        }
    }

    /** @return whether every data shard the group holds is present */
    boolean dataComplete() {
        for (int i = 0; i < groupDataShards; i++) {
            if (!received[i]) {
                return false;
            }
        }
        return true;
    }

    /** Zero-pads every present shard to {@code codedMax}, as the encoder did for parity. */
    void padPresent() {
        for (int i = 0; i < totalShards; i++) {
            if (received[i]) {
                Arrays.fill(shards[i], codedLengths[i], codedMax, (byte) 0);
            }
        }
    }
}
