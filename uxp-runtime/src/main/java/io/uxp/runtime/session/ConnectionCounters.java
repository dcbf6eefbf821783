package io.uxp.runtime.session;

import io.uxp.api.ArqStats;
import io.uxp.api.ConnectionStats;
import io.uxp.api.DropReason;
import io.uxp.api.NegotiatedSuite;
import io.uxp.api.spi.FecDecoder;
import java.util.EnumMap;
import java.util.Map;

/**
 * The counters of one connection, written by its worker only and read (racily, for monitoring) from
 * anywhere. Plain fields: a counter read from another thread may lag, never tear on a 64-bit JVM.
 */
final class ConnectionCounters {
    private static final DropReason[] REASONS = DropReason.values();

    long packetsIn;
    long packetsOut;
    long bytesIn;
    long bytesOut;
    long authenticationFailures;
    long socketDrops;
    long pathValidationsStarted;
    long pathValidationsSucceeded;
    long pathValidationsFailed;
    final long[] drops = new long[REASONS.length];

    void drop(DropReason reason) {
        drops[reason.ordinal()]++;
        if (reason == DropReason.AUTHENTICATION_FAILED) {
            authenticationFailures++;
        }
    }

    ConnectionStats snapshot(NegotiatedSuite suite, ArqStats arq, FecDecoder fec, long keyUpdates) {
        return new ConnectionStats(suite, arq, packetsIn, packetsOut, bytesIn, bytesOut,
                fec == null ? 0 : fec.recoveredPackets(), authenticationFailures, dropMap(), keyUpdates,
                pathValidationsStarted, pathValidationsSucceeded, pathValidationsFailed);
    }

    Map<DropReason, Long> dropMap() {
        Map<DropReason, Long> m = new EnumMap<>(DropReason.class);
        for (DropReason r : REASONS) {
            long n = drops[r.ordinal()];
            if (n != 0) {
                m.put(r, n);
            }
        }
        return m;
    }
}
