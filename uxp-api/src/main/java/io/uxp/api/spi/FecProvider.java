package io.uxp.api.spi;

/**
 * A forward error correction scheme that sits between KCP and the cipher: the encoder turns outgoing
 * KCP datagrams into data shards plus parity shards, the decoder turns authenticated shards back into
 * KCP datagrams, rebuilding lost ones. The encoder and decoder own the FEC header format.
 *
 * <p>Every shard the decoder sees has been authenticated by the connection's AEAD, so a forged shard
 * never reaches reconstruction. Implementations are stateless and thread-safe.
 */
public interface FecProvider {

    /** @return the stable wire name, for example {@code reed-solomon}; at most 32 ASCII bytes */
    String name();

    /**
     * Checks that this scheme supports the given shard counts.
     *
     * @param params the proposed counts
     * @throws IllegalArgumentException with a message naming the supported range, if unsupported
     */
    void validate(FecParams params);

    /**
     * @param params the shard counts
     * @return bytes each shard adds to the packet it carries (the FEC header)
     */
    int overheadBytes(FecParams params);

    /**
     * @param params validated shard counts
     * @param maxPacketBytes the longest packet that will be encoded, in bytes
     * @param headroomBytes room every emitted shard leaves before its offset for later stages
     * @param tailroomBytes room every emitted shard leaves after its end for later stages
     * @param flushDelayMillis how long a partial group may wait before its parity is sent anyway
     * @return an encoder for one connection
     */
    FecEncoder newEncoder(FecParams params, int maxPacketBytes, int headroomBytes, int tailroomBytes,
            int flushDelayMillis);

    /**
     * @param params validated shard counts
     * @param maxPacketBytes the longest packet that can be rebuilt, in bytes
     * @param groupTimeoutMillis how long an incomplete group is kept before it is discarded
     * @return a decoder for one connection, whose memory stays bounded under any input
     */
    FecDecoder newDecoder(FecParams params, int maxPacketBytes, int groupTimeoutMillis);
}
