package io.uxp.api;

import io.uxp.api.spi.FecParams;
import java.util.Objects;

/**
 * What two peers agreed on in their handshake: the providers that make up this connection's pipeline
 * (application bytes, KCP, FEC, cipher, UDP).
 *
 * @param cipher wire name of the cipher, for example {@code chacha20-poly1305}
 * @param fec wire name of the FEC scheme, {@code none} when FEC is off
 * @param fecParams shard counts of the FEC scheme; {@code null} exactly when {@code fec} is {@code none}
 * @param congestionControl wire name of the congestion control, for example {@code kcp}
 */
public record NegotiatedSuite(String cipher, String fec, FecParams fecParams, String congestionControl) {

    /** Wire name of "no forward error correction". */
    public static final String NO_FEC = "none";

    /** Validates the fields. */
    public NegotiatedSuite {
        Objects.requireNonNull(cipher, "cipher");
        Objects.requireNonNull(fec, "fec");
        Objects.requireNonNull(congestionControl, "congestionControl");
        if (NO_FEC.equals(fec) != (fecParams == null)) {
            throw new IllegalArgumentException("fecParams must be null exactly when fec is 'none'");
        }
    }

    @Override
    public String toString() {
        String f = fecParams == null ? fec : fec + "(" + fecParams.dataShards() + "," + fecParams.parityShards() + ")";
        return cipher + " / " + f + " / " + congestionControl;
    }
}
