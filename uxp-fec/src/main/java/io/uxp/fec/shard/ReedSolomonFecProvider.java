package io.uxp.fec.shard;

import io.uxp.api.spi.FecDecoder;
import io.uxp.api.spi.FecEncoder;
import io.uxp.api.spi.FecParams;
import io.uxp.api.spi.FecProvider;
import io.uxp.fec.ReedSolomon;
import java.util.Objects;

/**
 * The {@code reed-solomon} FEC provider: systematic Reed-Solomon over GF(2^8) with d data and p parity
 * shards per group (1 &lt;= d, 0 &lt;= p, d + p &lt;= 255; kcp-go's 10/3 and gouxp's 3/2 are typical), and
 * the 8-byte shard header described in {@code docs/FEC.md}.
 *
 * <p>Public only because {@link java.util.ServiceLoader} requires it; its package is not exported, so
 * applications reach it through {@link io.uxp.api.spi.ProviderRegistry}. Stateless and thread-safe.
 */
public final class ReedSolomonFecProvider implements FecProvider {

    /** The stable wire name. */
    static final String NAME = "reed-solomon";

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public ReedSolomonFecProvider() {
        // stateless
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void validate(FecParams params) {
        Objects.requireNonNull(params, "params");
        // FecParams already enforces the range this code supports: 1 <= d, 0 <= p, d + p <= 255
    }

    @Override
    public int overheadBytes(FecParams params) {
        validate(params);
        return ShardHeader.OVERHEAD;
    }

    @Override
    public FecEncoder newEncoder(FecParams params, int maxPacketBytes, int headroomBytes, int tailroomBytes,
            int flushDelayMillis) {
        validate(params);
        checkPacketBytes(maxPacketBytes);
        if (headroomBytes < 0 || tailroomBytes < 0 || flushDelayMillis < 0) {
            throw new IllegalArgumentException("headroom, tailroom and flush delay must not be negative, got "
                    + headroomBytes + ", " + tailroomBytes + ", " + flushDelayMillis);
        }
        return new ShardEncoder(ReedSolomon.create(params.dataShards(), params.parityShards()), maxPacketBytes,
                headroomBytes, tailroomBytes, flushDelayMillis, 0);
    }

    @Override
    public FecDecoder newDecoder(FecParams params, int maxPacketBytes, int groupTimeoutMillis) {
        validate(params);
        checkPacketBytes(maxPacketBytes);
        if (groupTimeoutMillis < 1) {
            throw new IllegalArgumentException("FEC group timeout must be at least 1 ms, got " + groupTimeoutMillis);
        }
        return new ShardDecoder(ReedSolomon.create(params.dataShards(), params.parityShards()), maxPacketBytes,
                groupTimeoutMillis);
    }

    private static void checkPacketBytes(int maxPacketBytes) {
        if (maxPacketBytes < 1 || maxPacketBytes > ShardHeader.MAX_PACKET_BYTES) {
            throw new IllegalArgumentException("FEC max packet size must be 1 to " + ShardHeader.MAX_PACKET_BYTES
                    + " bytes (the shard length field is 16 bits), got " + maxPacketBytes);
        }
    }

    @Override
    public String toString() {
        return NAME;
    }
}
