package io.uxp.cli;

import io.uxp.cli.relay.ImpairmentSpec;
import io.uxp.cli.report.Monitor;
import io.uxp.cli.report.Summary;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code uxp demo}: a server and a client in this process, a verified transfer, and a summary. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run a server and a client in this process over loopback UDP and send data between them.",
            "The client pins the server's freshly generated key; the SHA-256 of what arrived is compared with "
                + "what was sent. Exit code 0 only when they match. --loss/--delay/--jitter put the "
                + "impairment relay between the two; the transport keeps the runtime's defaults whatever the "
                + "impairment (--congestion and the other transport options change them)."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TransportOptions transport;

    @Option(names = "--bytes", paramLabel = "N", defaultValue = "64MiB", converter = Converters.BytesConverter.class,
            description = "Bytes to send, e.g. 4MiB (default ${DEFAULT-VALUE}).")
    long bytes;

    @Mixin
    ImpairmentOptions impairmentOptions;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the data and of the impairment (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--timeout", paramLabel = "D", defaultValue = "10m",
            converter = Converters.PositiveDurationConverter.class,
            description = "Give up after this long (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--no-digest", description = "Compare byte counts only, without SHA-256 on either end: "
            + "measures the transport alone (the digests cost 7-17 %% of a loopback transfer).")
    boolean noDigest;

    @Option(names = "--json", description = "Print the summary as one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ImpairmentSpec impairment = impairmentOptions.spec();
        LoopbackRun.Config config = new LoopbackRun.Config(bytes, transport.clientPreferences(),
                transport.serverPreferences(), transport.settings(), impairment, impairment.impairs(), seed, timeout,
                !noDigest);
        // with --json stdout carries only the JSON: progress goes to stderr, and only on a terminal
        PrintWriter progress = json ? err : out;
        Monitor.Style style = json ? (System.console() != null ? Monitor.Style.LIVE : Monitor.Style.OFF)
                : Monitor.Style.detect(false);
        if (!json) {
            out.printf("uxp demo: %s over loopback UDP%s%n", Summary.humanBytes(bytes),
                    impairment.impairs() ? " through the impairment relay (" + impairment + ")" : "");
            out.flush();
        }
        Summary summary = LoopbackRun.run(config, progress, style);
        if (json) {
            out.println(summary.toJson());
            out.flush();
        } else {
            summary.print(out);
        }
        return summary.match() ? Main.Exit.OK : Main.Exit.FAILED;
    }
}
