package io.uxp.cli;

import io.uxp.api.Connection;
import io.uxp.api.ConnectionStats;
import io.uxp.api.HandshakeException;
import io.uxp.cli.report.Monitor;
import io.uxp.cli.report.Summary;
import io.uxp.cli.transfer.DataSource;
import io.uxp.cli.transfer.Sender;
import io.uxp.runtime.ClientSecurity;
import io.uxp.runtime.ConnectionSettings;
import io.uxp.runtime.UxpClient;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run of {@code uxp client}: connects, sends, waits for the confirmation with progress, and prints the
 * summary. On SIGINT or SIGTERM a shutdown hook ({@link #interrupt}) closes the connection, so that the server
 * learns at once through the close message instead of waiting for its idle timeout, and prints what was
 * transferred so far.
 */
final class ClientTransfer {

    /**
     * How long a close waits for queued data to be acknowledged: short, because the client closes either after
     * the confirmation (nothing is left unacknowledged) or when interrupted (the rest is abandoned).
     */
    static final long CLOSE_FLUSH_MILLIS = 200;
    /** How long the shutdown hook waits for the close to go out. */
    static final long INTERRUPT_CLOSE_WAIT_MILLIS = 1_000;

    private final ClientCommand options;
    private final ClientSecurity security;
    private final DataSource source;
    private final PrintWriter out;
    private final PrintWriter err;
    private final AtomicBoolean interrupted = new AtomicBoolean();
    private volatile Connection connection;
    private volatile Monitor monitor;
    private volatile Sender sender;

    ClientTransfer(ClientCommand options, ClientSecurity security, DataSource source) {
        this.options = options;
        this.security = security;
        this.source = source;
        this.out = options.spec.commandLine().getOut();
        this.err = options.spec.commandLine().getErr();
    }

    /** @return the exit code */
    int run() throws Exception {
        ConnectionSettings settings = options.transport.settings().withCloseFlushTimeoutMillis(CLOSE_FLUSH_MILLIS);
        long deadline = System.nanoTime() + options.timeout.toNanos();
        Thread hook = new Thread(this::interrupt, "uxp-client-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try (UxpClient client = UxpClient.builder().security(security)
                .preferences(options.transport.clientPreferences()).settings(settings).build()) {
            sender = new Sender(source, options.echo, !options.noDigest);
            connection = connect(client);
            if (connection == null) {
                return Main.Exit.FAILED;
            }
            if (!options.json) {
                out.printf("connected to %s: %s; sending %s%s%n", Args.print(options.connect), connection.suite(),
                        Summary.humanBytes(source.length()), options.send != null ? " from " + options.send : "");
                out.flush();
            }
            monitor = monitor().phase(sender::allSent,
                    options.echo ? "waiting for the echo" : "waiting for the receipt");
            Sender.Verdict verdict = awaitVerdict(deadline);
            if (verdict == null) {
                return Main.Exit.FAILED;
            }
            Summary summary = summary(verdict);
            if (options.json) {
                out.println(summary.toJson());
                out.flush();
            } else {
                summary.print(out);
            }
            return summary.match() ? Main.Exit.OK : Main.Exit.FAILED;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs: it reports
            }
        }
    }

    private Connection connect(UxpClient client) throws Exception {
        String server = Args.print(options.connect);
        try {
            return client.connect(options.connect, sender).get(options.timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HandshakeException h) {
                err.println("uxp client: handshake with " + server + " failed (" + h.reason() + "): "
                        + Failures.clean(h.getMessage()));
                return null;
            }
            throw e;
        } catch (TimeoutException e) {
            err.println("uxp client: no answer from " + server + " within --timeout " + Args.print(options.timeout)
                    + "; is a uxp server listening there, and does UDP reach it?");
            return null;
        }
    }

    private Monitor monitor() {
        String what = options.echo ? "echoed" : "sent";
        PrintWriter progress = options.json ? err : out;
        if (options.progress != null) {
            return new Monitor(connection, what, options.echo ? sender::confirmedBytes : sender::sentBytes,
                    source.length(), progress, Monitor.Style.DETAILED, options.progress.toMillis());
        }
        Monitor.Style style = options.json ? (System.console() != null ? Monitor.Style.LIVE : Monitor.Style.OFF)
                : Monitor.Style.detect(false);
        return new Monitor(connection, what, options.echo ? sender::confirmedBytes : sender::sentBytes,
                source.length(), progress, style);
    }

    private Sender.Verdict awaitVerdict(long deadline) throws InterruptedException {
        try {
            Sender.Verdict v = sender.verdict().toCompletableFuture()
                    .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            monitor.finish(true);
            return v;
        } catch (ExecutionException e) {
            monitor.close();
            if (!interrupted.get()) {
                err.println("uxp client: " + Failures.describe(e));
            }
            return null;
        } catch (TimeoutException e) {
            monitor.close();
            err.printf(Locale.ROOT, "uxp client: the transfer did not finish within --timeout %s (%s); raise "
                    + "--timeout%n", Args.print(options.timeout), soFar());
            connection.close();
            return null;
        } finally {
            monitor.close();
        }
    }

    /** The shutdown hook: closes the connection properly and says what was transferred so far. */
    void interrupt() {
        Connection c = connection;
        Monitor m = monitor;
        Sender s = sender;
        if (s == null || s.verdict().toCompletableFuture().isDone()) {
            return;
        }
        if (c == null) {
            interrupted.set(true);
            err.println("uxp client: interrupted while connecting to " + Args.print(options.connect));
            err.flush();
            return;
        }
        interrupted.set(true);
        if (m != null) {
            m.close();
        }
        c.close();
        try {
            c.closed().toCompletableFuture().get(INTERRUPT_CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (Exception notInTime) {
            // the close message is on its way or lost; the server's idle timeout covers it either way
        }
        err.printf(Locale.ROOT, "uxp client: interrupted; %s; connection closed%n", soFar());
        err.flush();
    }

    private String soFar() {
        long total = source.length();
        long done = options.echo ? sender.confirmedBytes() : sender.sentBytes();
        long ready = sender.readyNanos();
        double seconds = ready == 0 ? 0 : (System.nanoTime() - ready) / 1e9;
        return String.format(Locale.ROOT, "%s %,d of %,d bytes (%d%%) in %.1f s", options.echo ? "echoed" : "sent",
                done, total, total == 0 ? 100 : (int) (100 * done / total), seconds);
    }

    private Summary summary(Sender.Verdict verdict) {
        ConnectionStats stats = connection.stats();
        Map<String, Long> drops = new TreeMap<>();
        LoopbackRun.addDrops(drops, stats.drops());
        return new Summary(verdict.match(), connection.suite(), verdict.sentBytes(),
                (verdict.doneNanos() - sender.readyNanos()) / 1e9, verdict.sentSha256(), verdict.receivedSha256(),
                monitor.rtt().percentile(50), monitor.rtt().percentile(99), monitor.rtt().count(),
                stats.arq().fastRetransmissions(), stats.arq().timeoutRetransmissions(), stats.fecRecovered(),
                drops, null, "", Map.of());
    }
}
