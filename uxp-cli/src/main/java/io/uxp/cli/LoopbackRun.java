package io.uxp.cli;

import io.uxp.api.Connection;
import io.uxp.api.ConnectionStats;
import io.uxp.api.DropReason;
import io.uxp.cli.relay.ImpairmentSpec;
import io.uxp.cli.relay.UdpRelay;
import io.uxp.cli.report.Monitor;
import io.uxp.cli.report.Summary;
import io.uxp.cli.transfer.DataSource;
import io.uxp.cli.transfer.Sender;
import io.uxp.cli.transfer.Sink;
import io.uxp.runtime.ClientSecurity;
import io.uxp.runtime.ConnectionSettings;
import io.uxp.runtime.ProviderPreferences;
import io.uxp.runtime.ServerKeyPair;
import io.uxp.runtime.ServerSecurity;
import io.uxp.runtime.UxpClient;
import io.uxp.runtime.UxpServer;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A server and a client in this process over loopback UDP, optionally through the in-process impairment
 * relay: what {@code uxp demo} and every cell of {@code uxp bench} run. The server has a freshly generated
 * static key that the client pins, as a real deployment would.
 */
final class LoopbackRun {

    /**
     * @param bytes bytes to send
     * @param client what the client offers
     * @param server what the server allows
     * @param settings both endpoints' connection settings
     * @param impairment the relay's impairment
     * @param viaRelay whether the client reaches the server through the relay, or directly
     * @param seed seed of the data and of the relay
     * @param timeout bound on the whole transfer
     * @param digest whether both ends compute SHA-256 of the data (else only byte counts are compared)
     */
    record Config(long bytes, ProviderPreferences client, ProviderPreferences server, ConnectionSettings settings,
            ImpairmentSpec impairment, boolean viaRelay, long seed, Duration timeout, boolean digest) {
    }

    private LoopbackRun() {
    }

    static Summary run(Config config, PrintWriter progress, Monitor.Style style) throws Exception {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        ServerKeyPair key = ServerKeyPair.generate(new SecureRandom());
        AtomicReference<Connection> serverSide = new AtomicReference<>();
        AtomicReference<Sink> sink = new AtomicReference<>();
        long deadline = System.nanoTime() + config.timeout().toNanos();
        try (UxpServer server = UxpServer.builder().bind(loopback).security(ServerSecurity.staticKey(key))
                .preferences(config.server()).settings(config.settings()).workers(1)
                .handler(connection -> {
                    serverSide.set(connection);
                    Sink s = new Sink(false);
                    sink.set(s);
                    return s;
                }).start();
                UdpRelay relay = config.viaRelay()
                        ? UdpRelay.start(loopback, server.localAddress(), config.impairment(), config.seed()) : null;
                UxpClient client = UxpClient.builder().security(ClientSecurity.pinnedServerKey(key.publicKey()))
                        .preferences(config.client()).settings(config.settings()).build()) {
            InetSocketAddress target = relay != null ? relay.listenAddress() : server.localAddress();
            Sender sender = new Sender(DataSource.generated(config.bytes(), config.seed()), false, config.digest());
            Connection connection;
            try {
                connection = client.connect(target, sender).get(remaining(deadline), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new UserError("the handshake did not finish within --timeout " + Args.print(config.timeout())
                        + "; raise --timeout", Main.Exit.FAILED);
            }
            Sender.Verdict verdict;
            Monitor monitor = new Monitor(connection, "delivered", () -> {
                Sink s = sink.get();
                return s == null ? 0 : s.receivedBytes();
            }, config.bytes(), progress, style).phase(sender::allSent, "waiting for the receipt");
            try {
                verdict = sender.verdict().toCompletableFuture().get(remaining(deadline), TimeUnit.NANOSECONDS);
                monitor.finish(true);
            } catch (TimeoutException e) {
                throw new UserError("the transfer did not finish within --timeout " + Args.print(config.timeout())
                        + " (" + sender.sentBytes() + " of " + config.bytes() + " bytes sent); raise --timeout",
                        Main.Exit.FAILED);
            } finally {
                monitor.close();
            }
            ConnectionStats c = connection.stats();
            Connection s = serverSide.get();
            ConnectionStats sv = s != null ? s.stats() : null;
            Map<String, Long> drops = new TreeMap<>();
            addDrops(drops, c.drops());
            long fast = c.arq().fastRetransmissions();
            long timeout = c.arq().timeoutRetransmissions();
            long fec = c.fecRecovered();
            if (sv != null) {
                addDrops(drops, sv.drops());
                fast += sv.arq().fastRetransmissions();
                timeout += sv.arq().timeoutRetransmissions();
                fec += sv.fecRecovered();
            }
            double seconds = (verdict.doneNanos() - sender.readyNanos()) / 1e9;
            return new Summary(verdict.match(), connection.suite(), verdict.sentBytes(), seconds,
                    verdict.sentSha256(), verdict.receivedSha256(), monitor.rtt().percentile(50),
                    monitor.rtt().percentile(99), monitor.rtt().count(), fast, timeout, fec, drops,
                    relay == null ? null : config.impairment(), relay == null ? "" : relay.report(),
                    relay == null ? Map.of() : relayCounters(relay));
        }
    }

    private static Map<String, Map<String, Long>> relayCounters(UdpRelay relay) {
        Map<String, Map<String, Long>> counters = new LinkedHashMap<>();
        counters.put(relay.toUpstream().name(), relay.toUpstream().counters());
        counters.put(relay.toClients().name(), relay.toClients().counters());
        return counters;
    }

    static void addDrops(Map<String, Long> into, Map<DropReason, Long> drops) {
        drops.forEach((reason, n) -> {
            if (n > 0) {
                into.merge(reason.name(), n, Long::sum);
            }
        });
    }

    private static long remaining(long deadlineNanos) {
        return Math.max(1, deadlineNanos - System.nanoTime());
    }
}
