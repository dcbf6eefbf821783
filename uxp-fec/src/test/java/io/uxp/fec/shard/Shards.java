package io.uxp.fec.shard;

import io.uxp.api.spi.FecDecoder;
import io.uxp.api.spi.FecEncoder;
import io.uxp.api.spi.PacketSink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test plumbing: runs packets through an encoder and shards through a decoder, keeping copies. */
final class Shards {

    /** Room the tests leave around packets and shards for a later stage. */
    static final int ROOM = 16;

    private Shards() {
    }

    /** A sink that keeps a copy of every packet it is given. */
    static final class Collector implements PacketSink {
        final List<byte[]> packets = new ArrayList<>();

        @Override
        public void accept(byte[] buffer, int offset, int length) {
            packets.add(Arrays.copyOfRange(buffer, offset, offset + length));
        }
    }

    /** Encodes one packet from a fresh buffer with {@link #ROOM} bytes around it plus the FEC header. */
    static void encode(FecEncoder encoder, byte[] packet, long nowMillis, PacketSink sink) {
        byte[] buffer = new byte[ROOM + ShardHeader.OVERHEAD + packet.length + ROOM];
        System.arraycopy(packet, 0, buffer, ROOM + ShardHeader.OVERHEAD, packet.length);
        encoder.encode(buffer, ROOM + ShardHeader.OVERHEAD, packet.length, nowMillis, sink);
    }

    /** Decodes one shard copy from a buffer of its own, at a non-zero offset. */
    static boolean decode(FecDecoder decoder, byte[] shard, long nowMillis, PacketSink sink) {
        byte[] buffer = new byte[3 + shard.length];
        System.arraycopy(shard, 0, buffer, 3, shard.length);
        return decoder.decode(buffer, 3, shard.length, nowMillis, sink);
    }

    static long sequence(byte[] shard) {
        return ShardHeader.readSequence(shard, 0);
    }

    static boolean isParity(byte[] shard) {
        return shard[ShardHeader.KIND] == ShardHeader.KIND_PARITY;
    }
}
