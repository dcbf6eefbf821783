package io.uxp.runtime.session;

import io.uxp.api.DropReason;
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
    final long[] drops = new long[REASONS.length];

    void drop(DropReason reason) {
        drops[reason.ordinal()]++;
        if (reason == DropReason.AUTHENTICATION_FAILED) {
            authenticationFailures++;
        }
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
