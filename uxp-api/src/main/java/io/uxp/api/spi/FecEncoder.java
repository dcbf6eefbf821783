package io.uxp.api.spi;

/**
 * Encodes one connection's outgoing packets into shards. One thread at a time (the connection's worker, or a
 * sending thread it lent its loop to; docs/SPI.md); no allocation per packet.
 */
public interface FecEncoder {

    /**
     * Emits {@code packet} as a data shard, in place (the FEC header is written into the
     * {@link FecProvider#overheadBytes} bytes before {@code offset}, which the caller must leave free in
     * addition to the encoder's headroom), followed by the group's parity shards if this packet
     * completes a group.
     *
     * @param buffer the buffer holding the packet
     * @param offset start of the packet
     * @param length length of the packet, at most the encoder's {@code maxPacketBytes}
     * @param nowMillis the current time
     * @param sink receives the shards, in order
     */
    void encode(byte[] buffer, int offset, int length, long nowMillis, PacketSink sink);

    /**
     * Closes a partial group whose flush delay has passed, emitting its parity shards.
     *
     * @param nowMillis the current time
     * @param sink receives the parity shards
     */
    void flush(long nowMillis, PacketSink sink);

    /** @return when {@link #flush} next has work, or {@link Long#MAX_VALUE} if no group is open */
    long nextFlushMillis();
}
