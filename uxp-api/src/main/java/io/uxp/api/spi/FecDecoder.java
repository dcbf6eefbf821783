package io.uxp.api.spi;

/**
 * Decodes one connection's authenticated shards back into packets. Data shards are passed up at once;
 * lost ones are rebuilt as soon as enough shards of their group arrive. One owner thread; no allocation
 * per packet in steady state; memory bounded under any input; never throws on bad input.
 */
public interface FecDecoder {

    /**
     * @param buffer the buffer holding one authenticated shard
     * @param offset start of the shard (its FEC header)
     * @param length length of the shard
     * @param nowMillis the current time, used to expire incomplete groups
     * @param sink receives the packet carried by a data shard, then any packets rebuilt
     * @return {@code true} if the shard was accepted: used, or valid but redundant (parity of a group that is
     *     already complete); {@code false} if it was dropped (malformed, duplicate, or for an expired group),
     *     which the decoder also counts in {@link #droppedShards()}
     */
    boolean decode(byte[] buffer, int offset, int length, long nowMillis, PacketSink sink);

    /** @return packets rebuilt from parity so far */
    long recoveredPackets();

    /** @return shards dropped so far */
    long droppedShards();
}
