package io.uxp.runtime;

import io.uxp.api.NegotiatedSuite;
import io.uxp.api.spi.FecParams;
import java.util.Objects;

/**
 * One FEC configuration a peer offers or allows: a scheme's wire name and its shard counts, or
 * {@link #NONE}.
 *
 * @param name the FEC scheme's wire name, or {@code none}
 * @param params the shard counts; {@code null} exactly when {@code name} is {@code none}
 */
public record FecOffer(String name, FecParams params) {

    /** No forward error correction. */
    public static final FecOffer NONE = new FecOffer(NegotiatedSuite.NO_FEC, null);

    /** Validates the fields. */
    public FecOffer {
        Objects.requireNonNull(name, "name");
        if (NegotiatedSuite.NO_FEC.equals(name) != (params == null)) {
            throw new IllegalArgumentException("FEC params must be null exactly when the name is 'none'");
        }
    }

    /**
     * @param name a FEC scheme's wire name
     * @param dataShards data shards per group
     * @param parityShards parity shards per group
     * @return the offer
     */
    public static FecOffer of(String name, int dataShards, int parityShards) {
        return new FecOffer(name, new FecParams(dataShards, parityShards));
    }

    @Override
    public String toString() {
        return params == null ? name : name + "(" + params.dataShards() + "," + params.parityShards() + ")";
    }
}
