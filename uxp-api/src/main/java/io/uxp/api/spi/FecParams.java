package io.uxp.api.spi;

/**
 * Shard counts of a block erasure code: each group of {@code dataShards} packets is followed by
 * {@code parityShards} parity packets, and any {@code dataShards} of the group rebuild it.
 *
 * @param dataShards data shards per group, at least 1
 * @param parityShards parity shards per group, at least 0
 */
public record FecParams(int dataShards, int parityShards) {

    /** Largest total shard count of a group: the field GF(2^8) has 255 non-zero elements. */
    public static final int MAX_TOTAL_SHARDS = 255;

    /** Validates the counts. */
    public FecParams {
        if (dataShards < 1) {
            throw new IllegalArgumentException("FEC data shards must be at least 1, got " + dataShards);
        }
        if (parityShards < 0) {
            throw new IllegalArgumentException("FEC parity shards must be at least 0, got " + parityShards);
        }
        if (dataShards + parityShards > MAX_TOTAL_SHARDS) {
            throw new IllegalArgumentException("FEC data + parity shards must be at most " + MAX_TOTAL_SHARDS
                    + ", got " + dataShards + " + " + parityShards);
        }
    }

    /** @return data plus parity shards */
    public int totalShards() {
        return dataShards + parityShards;
    }
}
