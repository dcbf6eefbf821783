package io.uxp.cli.report;

import io.uxp.api.NegotiatedSuite;
import io.uxp.cli.relay.ImpairmentSpec;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of one transfer, as {@code uxp demo}, {@code uxp client} and {@code uxp bench} report it.
 *
 * @param match whether the receiver's byte count and SHA-256 equal the sender's
 * @param suite the negotiated cipher, FEC and congestion control
 * @param bytes bytes sent
 * @param seconds from the connection being ready to the transfer being confirmed
 * @param sha256Sent SHA-256 of the sent bytes, hex, or empty when none was computed ({@code --no-digest})
 * @param sha256Received SHA-256 of the received bytes, hex, or empty when none was computed
 * @param rttP50Millis median of the sampled smoothed RTT, or -1
 * @param rttP99Millis 99th percentile of the sampled smoothed RTT, or -1
 * @param rttSamples how many RTT samples were taken
 * @param fastRetransmissions KCP fast retransmissions (both endpoints)
 * @param timeoutRetransmissions KCP retransmissions by timeout (both endpoints)
 * @param fecRecovered packets rebuilt by FEC (both endpoints)
 * @param drops datagrams the endpoints dropped, by reason
 * @param impairment the in-process relay's impairment, or {@code null} without a relay
 * @param relayReport what the in-process relay did, one line per direction; empty without one
 * @param relayCounters the relay's counters by direction, then by name; empty without a relay
 */
public record Summary(boolean match, NegotiatedSuite suite, long bytes, double seconds, String sha256Sent,
        String sha256Received, int rttP50Millis, int rttP99Millis, int rttSamples, long fastRetransmissions,
        long timeoutRetransmissions, long fecRecovered, Map<String, Long> drops,
        ImpairmentSpec impairment, String relayReport, Map<String, Map<String, Long>> relayCounters) {

    private static final double MIB = 1024.0 * 1024.0;

    /** @return goodput in MiB/s */
    public double mibPerSecond() {
        return seconds > 0 ? bytes / MIB / seconds : 0;
    }

    /**
     * @param bytes a byte count
     * @return it in MiB (binary) with one decimal, or in bytes below 1 MiB
     */
    public static String humanBytes(long bytes) {
        return bytes < MIB ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f MiB", bytes / MIB);
    }

    /** @return all retransmissions */
    public long retransmissions() {
        return fastRetransmissions + timeoutRetransmissions;
    }

    /** @param out where to print the human-readable summary */
    public void print(PrintWriter out) {
        out.println();
        boolean digested = !sha256Sent.isEmpty();
        out.printf(Locale.ROOT, "  result          %s%n", !match ? "FAILED: received bytes differ from sent bytes"
                : digested ? "OK: SHA-256 of received bytes matches"
                : "OK: byte count matches (--no-digest: SHA-256 not computed)");
        out.printf(Locale.ROOT, "  suite           cipher %s, FEC %s, congestion control %s%n", suite.cipher(),
                fecText(), suite.congestionControl());
        out.printf(Locale.ROOT, "  transferred     %,d bytes in %.2f s = %.2f MiB/s%n", bytes, seconds,
                mibPerSecond());
        if (rttSamples > 0) {
            out.printf(Locale.ROOT, "  RTT (srtt)      p50 %d ms, p99 %d ms (%d samples)%n", rttP50Millis,
                    rttP99Millis, rttSamples);
        } else {
            out.printf(Locale.ROOT, "  RTT (srtt)      not measured (the transfer ended before the first sample)%n");
        }
        out.printf(Locale.ROOT, "  retransmissions %d (fast %d, timeout %d)%n", retransmissions(),
                fastRetransmissions, timeoutRetransmissions);
        out.printf(Locale.ROOT, "  FEC recoveries  %d%n", fecRecovered);
        out.printf(Locale.ROOT, "  drops           %s%n", drops.isEmpty() ? "none" : drops);
        if (digested) {
            out.printf(Locale.ROOT, "  SHA-256 sent     %s%n", sha256Sent);
            out.printf(Locale.ROOT, "  SHA-256 received %s%n", sha256Received);
        }
        if (impairment != null) {
            String text = relayReport.isEmpty() ? impairment.toString() : impairment + "\n" + relayReport;
            out.printf(Locale.ROOT, "  impairment      %s%n", text.replace("\n", "\n                  "));
        }
        out.flush();
    }

    private Json fecJson() {
        Json fec = new Json().put("name", suite.fec());
        if (suite.fecParams() != null) {
            fec.put("dataShards", (long) suite.fecParams().dataShards())
                    .put("parityShards", (long) suite.fecParams().parityShards());
        }
        return fec;
    }

    private Json impairmentJson() {
        return new Json().put("loss", impairment.loss())
                .put("delayMillis", impairment.delay().toNanos() / 1e6)
                .put("jitterMillis", impairment.jitter().toNanos() / 1e6)
                .put("reorder", impairment.reorder())
                .put("duplicate", impairment.duplicate())
                .put("corrupt", impairment.corrupt());
    }

    private String fecText() {
        return suite.fecParams() == null ? suite.fec()
                : suite.fec() + " (" + suite.fecParams().dataShards() + "," + suite.fecParams().parityShards() + ")";
    }

    /**
     * @return the summary as one JSON object; {@code fec} and {@code impairment} are objects, RTT percentiles
     *     {@code null} without samples
     */
    public Json toJson() {
        return new Json()
                .put("ok", match)
                .put("cipher", suite.cipher())
                .put("fec", fecJson())
                .put("congestionControl", suite.congestionControl())
                .put("bytes", bytes)
                .put("seconds", seconds)
                .put("mibPerSecond", mibPerSecond())
                .put("rttP50Millis", rttSamples > 0 ? Long.valueOf(rttP50Millis) : null)
                .put("rttP99Millis", rttSamples > 0 ? Long.valueOf(rttP99Millis) : null)
                .put("rttSamples", (long) rttSamples)
                .put("rttSource", "sampled KCP smoothed RTT (srtt) of the sender every 50 ms")
                .put("retransmissions", retransmissions())
                .put("fastRetransmissions", fastRetransmissions)
                .put("timeoutRetransmissions", timeoutRetransmissions)
                .put("fecRecoveries", fecRecovered)
                .putCounts("drops", drops)
                .put("sha256Sent", sha256Sent)
                .put("sha256Received", sha256Received)
                .put("impairment", impairment == null ? null : impairmentJson())
                .put("relay", relayJson());
    }

    private Json relayJson() {
        Json relay = new Json();
        relayCounters.forEach(relay::putCounts);
        return relay;
    }
}
