package io.uxp.fec.shard;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.uxp.api.spi.PacketSink;
import io.uxp.fec.ReedSolomon;
import io.uxp.fuzz.AllocationMeter;
import io.uxp.fuzz.Check;
import io.uxp.fuzz.FuzzInput;
import io.uxp.fuzz.FuzzOutput;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuzzes {@link ShardDecoder#decode} with raw shards and with shards of a real {@link ShardEncoder} that the
 * fuzzer loses, reorders, delays past the group timeout and alters. Input: two config bytes (d 1..8, p 0..3;
 * maximum packet size; the encoder's first sequence number, near the u32 wrap or not), then operations: decode raw
 * bytes, encode a packet, deliver the pending shards under a loss mask, flush the encoder, let time pass, deliver
 * one shard altered. Checked: no exception; every packet handed up lies in its buffer and is at most the maximum
 * size; the decoder holds at most {@link ShardDecoder#MAX_LIVE_GROUPS} groups; a decode allocates at most one
 * group's slot and the codec's scratch for one reconstruction (both sized by the configuration, never by the
 * shard); and, until raw or altered bytes are decoded, every packet handed up (received or rebuilt) is one that
 * was encoded.
 */
class ShardDecoderFuzzTest {

    private static final int RAW = 0;
    private static final int ENCODE = 1;
    private static final int DELIVER = 2;
    private static final int FLUSH = 3;
    private static final int CLOCK = 4;
    private static final int ALTER = 5;
    private static final int OPERATIONS = 6;
    private static final int MAX_OPERATIONS = 128;
    private static final int GROUP_TIMEOUT_MILLIS = 200;
    private static final int FLUSH_DELAY_MILLIS = 10;
    /** Room before a packet for the FEC header, as the pipeline leaves it. */
    private static final int HEADROOM = ShardHeader.OVERHEAD + 5;

    private final List<byte[]> pending = new ArrayList<>();
    private final Set<ByteBuffer> encoded = new HashSet<>();
    private int maxPacketBytes;
    private boolean trusted;

    @FuzzTest
    void anyShardIsDecodedOrDroppedAndNothingIsInvented(byte[] data) {
        FuzzInput in = new FuzzInput(data);
        int shape = in.u8();
        int dataShards = 1 + (shape & 7);
        int parityShards = (shape >> 3) & 3;
        maxPacketBytes = 1 + in.u8() * 5;
        long firstSequence = (shape & 0x40) != 0 ? ShardHeader.sequenceLimit(dataShards + parityShards) - 7 : 0;
        ReedSolomon codec = ReedSolomon.create(dataShards, parityShards);
        ShardEncoder encoder = new ShardEncoder(codec, maxPacketBytes, 0, 0, FLUSH_DELAY_MILLIS, firstSequence);
        ShardDecoder decoder = new ShardDecoder(ReedSolomon.create(dataShards, parityShards), maxPacketBytes,
                GROUP_TIMEOUT_MILLIS);
        // What one decode may allocate, all sized by the configuration: a slot's shard buffers on its first use;
        // for a reconstruction, a newly inverted d x d matrix and the codec's bit planes (8, plus one per output)
        // widened to the widest shard so far
        int coded = ShardHeader.LENGTH_BYTES + maxPacketBytes + 64;
        long allocationBound = (long) (dataShards + parityShards) * coded
                + (8L + dataShards + parityShards) * coded + (long) dataShards * (dataShards + 32);
        pending.clear();
        encoded.clear();
        trusted = true;
        long now = 1_000;
        PacketSink sink = this::handedUp;
        for (int i = 0; i < MAX_OPERATIONS && in.hasMore(); i++) {
            int op = in.u8();
            switch ((op & 0x0F) % OPERATIONS) {
                case RAW -> {
                    trusted = false;
                    decode(decoder, in.chunk(), now, sink, allocationBound);
                }
                case ENCODE -> {
                    byte[] packet = in.bytes(in.u16() % (maxPacketBytes + 1));
                    encoded.add(ByteBuffer.wrap(packet));
                    byte[] buffer = new byte[HEADROOM + packet.length];
                    System.arraycopy(packet, 0, buffer, HEADROOM, packet.length);
                    encoder.encode(buffer, HEADROOM, packet.length, now, this::shard);
                }
                case DELIVER -> {
                    int losses = in.u8();
                    List<byte[]> batch = new ArrayList<>(pending);
                    pending.clear();
                    if ((op & 0x80) != 0) {
                        java.util.Collections.reverse(batch);
                    }
                    for (int k = 0; k < batch.size(); k++) {
                        if ((losses & (1 << (k & 7))) == 0) {
                            decode(decoder, batch.get(k), now, sink, allocationBound);
                        }
                    }
                }
                case FLUSH -> {
                    now += in.u8();
                    encoder.flush(now, this::shard);
                }
                case CLOCK -> now += in.u16();
                default -> {
                    if (!pending.isEmpty()) {
                        byte[] shard = pending.remove(0);
                        shard[in.u16() % shard.length] ^= (byte) (in.u8() | 1);
                        trusted = false;
                        decode(decoder, shard, now, sink, allocationBound);
                    }
                }
            }
            Check.that(decoder.liveGroups() <= ShardDecoder.MAX_LIVE_GROUPS
                    && decoder.allocatedGroups() <= ShardDecoder.MAX_LIVE_GROUPS, "the decoder holds too many groups");
        }
    }

    private void decode(ShardDecoder decoder, byte[] shard, long now, PacketSink sink, long allocationBound) {
        // at a non-zero offset with junk around, as the pipeline hands a DATA frame's content
        byte[] buffer = new byte[3 + shard.length + 3];
        Arrays.fill(buffer, (byte) 0xa5);
        System.arraycopy(shard, 0, buffer, 3, shard.length);
        long dropped = decoder.droppedShards();
        AllocationMeter meter = AllocationMeter.start();
        boolean used = decoder.decode(buffer, 3, shard.length, now, sink);
        meter.assertAtMost(8 * 1024 + allocationBound, "ShardDecoder.decode");
        Check.that(used == (decoder.droppedShards() == dropped), "decode's answer and the drop counter disagree");
    }

    private void shard(byte[] buffer, int offset, int length) {
        Check.inBounds(offset, length, buffer.length, "an encoded shard");
        if (pending.size() < 64) {
            pending.add(Arrays.copyOfRange(buffer, offset, offset + length));
        }
    }

    private void handedUp(byte[] buffer, int offset, int length) {
        Check.inBounds(offset, length, buffer.length, "a decoded packet");
        Check.that(length <= maxPacketBytes, "a decoded packet of " + length + " bytes, maximum " + maxPacketBytes);
        if (trusted) {
            ByteBuffer packet = ByteBuffer.wrap(Arrays.copyOfRange(buffer, offset, offset + length));
            Check.that(encoded.contains(packet), "the decoder handed up a packet that was never encoded");
        }
    }

    /** Real shards: a whole (3,2) group, one with a lost data shard, a flushed partial group, near the wrap. */
    static Map<String, byte[]> seeds() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        int threeTwo = 2 | (2 << 3);
        seeds.put("group-3-2-lossless", session(threeTwo, 0).toByteArray());
        seeds.put("group-3-2-one-data-lost", session(threeTwo, 0x02).toByteArray());
        seeds.put("group-3-2-near-wrap-two-lost", session(threeTwo | 0x40, 0x05).toByteArray());
        FuzzOutput partial = new FuzzOutput().u8(threeTwo).u8(60);
        partial.u8(ENCODE).u16(40).bytes(pattern(40, 1)).u8(FLUSH).u8(20).u8(DELIVER).u8(0x01);
        seeds.put("partial-group-flushed", partial.toByteArray());
        ReedSolomon codec = ReedSolomon.create(3, 2);
        ShardEncoder encoder = new ShardEncoder(codec, 301, 0, 0, FLUSH_DELAY_MILLIS, 0);
        FuzzOutput raw = new FuzzOutput().u8(threeTwo).u8(60);
        for (int p = 0; p < 3; p++) {
            byte[] packet = pattern(50 + p, p);
            byte[] buffer = new byte[HEADROOM + packet.length];
            System.arraycopy(packet, 0, buffer, HEADROOM, packet.length);
            encoder.encode(buffer, HEADROOM, packet.length, 0, (b, off, len) ->
                    raw.u8(RAW).chunk(Arrays.copyOfRange(b, off, off + len)));
        }
        seeds.put("raw-shards-3-2", raw.toByteArray());
        return seeds;
    }

    private static FuzzOutput session(int shape, int losses) {
        FuzzOutput s = new FuzzOutput().u8(shape).u8(60);
        for (int p = 0; p < 3; p++) {
            s.u8(ENCODE).u16(100 + p).bytes(pattern(100 + p, p));
        }
        return s.u8(DELIVER).u8(losses).u8(CLOCK).u16(300).u8(ENCODE).u16(10).bytes(pattern(10, 9))
                .u8(DELIVER).u8(0);
    }

    private static byte[] pattern(int n, int tag) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (tag * 17 + i);
        }
        return b;
    }
}
