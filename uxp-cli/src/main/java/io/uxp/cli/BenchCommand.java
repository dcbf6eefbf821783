package io.uxp.cli;

import io.uxp.api.spi.ProviderKind;
import io.uxp.api.spi.ProviderRegistry;
import io.uxp.cli.relay.ImpairmentSpec;
import io.uxp.cli.report.Monitor;
import io.uxp.cli.report.Summary;
import io.uxp.runtime.ConnectionSettings;
import io.uxp.runtime.FecOffer;
import io.uxp.runtime.ProviderPreferences;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code uxp bench}: the fixed matrix (every cipher x FEC off/on x loss 0, 1, 5, 10 %) on loopback, every
 * cell through the impairment relay (loss 0 too, so that the relay's own cost is in every cell alike).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure goodput and RTT on loopback: every cipher x FEC off/on x loss 0/1/5/10%%.",
            "Each cell is a demo transfer through the impairment relay (loss 0 too, so every cell pays the relay "
                + "alike). Numbers from one machine are comparable with each other, not with other machines."})
final class BenchCommand implements Callable<Integer> {

    /** The loss rates of the matrix. */
    static final double[] LOSSES = {0, 0.01, 0.05, 0.10};
    /** The FEC configuration of the matrix's "FEC on" cells (the runtime's default offer). */
    static final FecOffer FEC_ON = FecOffer.of(TransportOptions.REED_SOLOMON, 10, 3);

    @Spec
    CommandSpec spec;

    @Option(names = "--bytes", paramLabel = "N", defaultValue = "8MiB", converter = Converters.BytesConverter.class,
            description = "Bytes per cell (default ${DEFAULT-VALUE}).")
    long bytes;

    @Option(names = "--delay", paramLabel = "D", defaultValue = "0ms", converter = Converters.DurationConverter.class,
            description = "One-way delay added by the relay in every cell (default ${DEFAULT-VALUE}).")
    Duration delay;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--cell-timeout", paramLabel = "D", defaultValue = "60s",
            converter = Converters.PositiveDurationConverter.class,
            description = "Bound per cell (default ${DEFAULT-VALUE}).")
    Duration cellTimeout;

    @Option(names = "--congestion", paramLabel = "NAME",
            description = "Congestion control of every cell, e.g. bbr, kcp or fixed (default: the runtime's "
                    + "preference, bbr first).")
    String congestion;

    @Option(names = "--json", description = "Print the rows as a JSON array on stdout.")
    boolean json;

    private int cipherWidth;
    private int fecWidth;

    /** @return a format whose first two columns, cipher and FEC, are as wide as their longest value */
    private String rowFormat(String rest) {
        return "%-" + cipherWidth + "s  %-" + fecWidth + "s " + rest;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> ciphers = ProviderRegistry.load().names(ProviderKind.CIPHER);
        cipherWidth = Math.max("cipher".length(), ciphers.stream().mapToInt(String::length).max().orElse(0));
        fecWidth = Math.max("fec".length(), Math.max(FecOffer.NONE.toString().length(), FEC_ON.toString().length()));
        List<String> rows = new ArrayList<>();
        boolean allOk = true;
        if (!json) {
            out.printf("uxp bench: %s per cell, delay %d ms, congestion control %s, seed %d%n",
                    Summary.humanBytes(bytes), delay.toMillis(), congestion != null ? congestion
                            : String.join(" > ", ProviderPreferences.defaults().congestionControls()), seed);
            out.printf(rowFormat("%5s %9s %8s %8s %8s %8s %s%n"), "cipher", "fec", "loss", "MiB/s", "RTT p50",
                    "RTT p99", "retrans", "FEC rec", "result");
            out.flush();
        }
        // one uncounted cell first, so that the first counted cell does not pay for JIT compilation
        warmUp(ciphers.get(0), err);
        for (String cipher : ciphers) {
            for (FecOffer fec : List.of(FecOffer.NONE, FEC_ON)) {
                for (double loss : LOSSES) {
                    String row = cell(cipher, fec, loss, out, err);
                    allOk &= row != null;
                    if (row != null) {
                        rows.add(row);
                    }
                }
            }
        }
        if (json) {
            out.println("[" + String.join(",", rows) + "]");
            out.flush();
        }
        return allOk ? Main.Exit.OK : Main.Exit.FAILED;
    }

    private void warmUp(String cipher, PrintWriter err) {
        try {
            LoopbackRun.run(config(cipher, FEC_ON, 0), err, Monitor.Style.OFF);
        } catch (Exception e) {
            err.println("uxp bench: warm-up run failed: " + Failures.describe(e));
            err.flush();
        }
    }

    private static String millis(int value, int samples) {
        return samples > 0 ? value + " ms" : "-";
    }

    private LoopbackRun.Config config(String cipher, FecOffer fec, double loss) {
        List<String> congestionControls = congestion != null ? List.of(congestion)
                : ProviderPreferences.defaults().congestionControls();
        ProviderPreferences prefs = new ProviderPreferences(List.of(cipher), List.of(fec), congestionControls);
        return new LoopbackRun.Config(bytes, prefs, prefs, ConnectionSettings.defaults(),
                ImpairmentSpec.of(loss, delay, Duration.ZERO), true, seed, cellTimeout, true);
    }

    private String cell(String cipher, FecOffer fec, double loss, PrintWriter out, PrintWriter err) {
        try {
            Summary s = LoopbackRun.run(config(cipher, fec, loss), err, Monitor.Style.OFF);
            if (!json) {
                out.printf(Locale.ROOT, rowFormat("%4.0f%% %9.2f %8s %8s %8d %8d %s%n"), cipher, fec, loss * 100,
                        s.mibPerSecond(), millis(s.rttP50Millis(), s.rttSamples()),
                        millis(s.rttP99Millis(), s.rttSamples()), s.retransmissions(), s.fecRecovered(),
                        s.match() ? "ok" : "MISMATCH");
                out.flush();
            }
            return s.match() ? s.toJson().put("loss", loss).toString() : null;
        } catch (Exception e) {
            err.printf(Locale.ROOT, rowFormat("%4.0f%% failed: %s%n"), cipher, fec, loss * 100, Failures.describe(e));
            err.flush();
            return null;
        }
    }
}
