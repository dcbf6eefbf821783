package io.uxp.runtime.robustness;

import io.uxp.api.DropReason;
import io.uxp.runtime.ServerStats;

/** The tables the robustness tests print (to their surefire output file, or the console in an IDE). */
final class Summary {

    private Summary() {
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** Prints {@link LiveAbuseTest}'s figures. */
    static void abuse(Hostile hostile, ServerStats stats, long validationsStarted, long validationsSucceeded,
            long heapStart, long heapEnd, long floodNanos, long started, long floodEnded, long transfersDone,
            long ended) {
        StringBuilder out = new StringBuilder("LiveAbuseTest summary\n");
        long total = 0;
        out.append(String.format("  %-14s %12s%n", "kind", "datagrams"));
        for (Hostile.Kind k : Hostile.Kind.values()) {
            long n = hostile.sent.get(k.ordinal());
            total += n;
            out.append(String.format("  %-14s %,12d%n", k, n));
        }
        long flood = total - hostile.sent.get(Hostile.Kind.COPY_AHEAD.ordinal());
        out.append(String.format("  %-14s %,12d  (flood %,d in %.1f s = %,.0f datagrams/s)%n", "total", total,
                flood, seconds(floodNanos), flood / seconds(floodNanos)));
        out.append(String.format("  server: %,d datagrams received (of every sender), %,d sent, %d connections, "
                + "%d pending handshakes, %,d handshakes completed, %,d failed%n", stats.packetsIn(),
                stats.packetsOut(), stats.connections(), stats.pendingHandshakes(), stats.handshakesCompleted(),
                stats.handshakesFailed()));
        out.append(String.format("  %-22s %12s%n", "drop reason", "datagrams"));
        for (DropReason r : DropReason.values()) {
            out.append(String.format("  %-22s %,12d%n", r, stats.dropped(r)));
        }
        out.append(String.format("  path validations: %,d started, %,d succeeded%n", validationsStarted,
                validationsSucceeded));
        victims(out, "copy-ahead victims (127.0.1.x)", hostile.copiers);
        victims(out, "flood sources (127.0.2.x)", hostile.spoofers);
        out.append(String.format("  heap after GC: %s before the flood, %s after%n", ProcessSnapshot.mib(heapStart),
                ProcessSnapshot.mib(heapEnd)));
        out.append(String.format("  duration: %.1f s in all (setup and flood %.1f s, transfers finished %.1f s "
                + "later, checks %.1f s)%n", seconds(ended - started), seconds(floodEnded - started),
                seconds(transfersDone - floodEnded), seconds(ended - transfersDone)));
        System.out.print(out);
    }

    private static void victims(StringBuilder out, String title, Iterable<Hostile.Source> sources) {
        long sent = 0;
        long arrived = 0;
        long sentDatagrams = 0;
        long arrivedDatagrams = 0;
        double worst = 0;
        String worstAt = "-";
        for (Hostile.Source s : sources) {
            sent += s.sentBytes.get();
            arrived += s.arrivedBytes.get();
            sentDatagrams += s.sentDatagrams.get();
            arrivedDatagrams += s.arrivedDatagrams.get();
            double ratio = s.sentBytes.get() == 0 ? 0 : (double) s.arrivedBytes.get() / s.sentBytes.get();
            if (ratio > worst) {
                worst = ratio;
                worstAt = s.address.toString();
            }
        }
        out.append(String.format("  %s: attacker sent %,d datagrams / %,d bytes, victims received %,d datagrams / "
                + "%,d bytes (%.4fx; worst address %.4fx at %s)%n", title, sentDatagrams, sent, arrivedDatagrams,
                arrived, sent == 0 ? 0 : (double) arrived / sent, worst, worstAt));
    }
}
