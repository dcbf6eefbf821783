package io.uxp.cli;

import io.uxp.api.CloseCause;
import io.uxp.api.Connection;
import io.uxp.api.ConnectionHandler;
import io.uxp.api.ServerHandler;
import io.uxp.cli.transfer.Sink;
import io.uxp.runtime.HandshakeLimits;
import io.uxp.runtime.PreSharedKey;
import io.uxp.runtime.ServerKeyPair;
import io.uxp.runtime.ServerSecurity;
import io.uxp.runtime.StatusEndpointOptions;
import io.uxp.runtime.UxpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code uxp server}: a sink (or echo) server that runs until interrupted. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Run a UXP server until interrupted (Ctrl-C / SIGTERM).",
            "By default it is a sink: it hashes what each connection sends, answers uxp client's receipt "
                + "request with the SHA-256, and logs the count and SHA-256 when the connection closes. "
                + "With --echo it sends every message back. Without --key it generates a key for this run "
                + "and prints the public key to pin."})
final class ServerCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServerCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    TransportOptions transport;

    @Option(names = "--listen", required = true, paramLabel = "HOST:PORT",
            converter = Converters.EndpointConverter.class, description = "Address to bind, e.g. 127.0.0.1:7000.")
    InetSocketAddress listen;

    @Option(names = "--key", paramLabel = "FILE", description = "Private key file from uxp keygen.")
    Path key;

    @Option(names = "--psk", paramLabel = "FILE", description = "Pre-shared key file (32 bytes, base64url or hex).")
    Path psk;

    @Option(names = "--echo", description = "Echo every message back instead of only hashing it.")
    boolean echo;

    @Option(names = "--status-port", paramLabel = "P",
            description = "Serve /status (JSON) and /metrics (Prometheus) over HTTP on this port of the loopback "
                    + "address (this host only).")
    Integer statusPort;

    @Option(names = "--status-listen", paramLabel = "HOST:PORT", converter = Converters.EndpointConverter.class,
            description = "Serve the status endpoint at this address instead (reachable from other hosts: set "
                    + "--status-token-file too).")
    InetSocketAddress statusListen;

    @Option(names = "--status-token-file", paramLabel = "FILE",
            description = "Require 'Authorization: Bearer <token>' on the status endpoint, the token being this "
                    + "file's first line (at least 16 printable characters).")
    Path statusTokenFile;

    @Option(names = "--status-client-addresses",
            description = "List each connection's client address in /status (default: left out).")
    boolean statusClientAddresses;

    @Option(names = "--retry", paramLabel = "WHEN", defaultValue = "pressure",
            description = "When to demand a cookie (a Retry round trip, before any key exchange): 'pressure' "
                    + "(default: only while flooded with handshakes) or 'always' (every client proves its "
                    + "address first).")
    String retry;

    @Option(names = "--workers", paramLabel = "N", description = "Worker threads (default: one per core).")
    Integer workers;

    @Option(names = "--duration", paramLabel = "D", converter = Converters.DurationConverter.class,
            description = "Stop after this long, e.g. 10m (default: run until interrupted).")
    Duration duration;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ServerKeyPair pair = key != null ? KeyFiles.readKeyPair(key) : null;
        PreSharedKey preShared = psk != null ? KeyFiles.readPreSharedKey(psk) : null;
        if (pair == null && preShared == null) {
            pair = ServerKeyPair.generate(new SecureRandom());
            out.println("no --key or --psk: generated a key for this run only");
        }
        ServerSecurity security = pair == null ? ServerSecurity.preSharedKey(preShared)
                : preShared == null ? ServerSecurity.staticKey(pair)
                : ServerSecurity.staticKeyAndPreSharedKey(pair, preShared);
        UxpServer.Builder builder = UxpServer.builder().bind(listen).security(security)
                .preferences(transport.serverPreferences()).settings(transport.settings())
                .handler(new Handler(echo));
        if (workers != null) {
            builder.workers(workers);
        }
        boolean alwaysRetry = switch (retry) {
            case "always" -> true;
            case "pressure" -> false;
            default -> throw new ParameterException(spec.commandLine(),
                    "--retry must be 'pressure' or 'always', got '" + retry + "'");
        };
        builder.handshakeLimits(HandshakeLimits.defaults().withAlwaysRequireCookie(alwaysRetry));
        StatusEndpointOptions status = statusOptions();
        if (status != null) {
            builder.statusEndpoint(status);
        }
        UxpServer server = builder.start();
        out.printf("uxp server listening on %s (%s)%n", Args.print(server.localAddress()), echo ? "echo" : "sink");
        if (alwaysRetry) {
            out.println("every client must answer a Retry (cookie) before its handshake (--retry always)");
        }
        if (pair != null) {
            out.printf("server public key: %s%n", pair.publicKey());
            out.printf("connect with: uxp client --connect %s --server-key %s%n",
                    Args.print(server.localAddress()), pair.publicKey());
        }
        server.statusEndpointAddress().ifPresent(a -> out.printf("status: http://%s/status%s%n", Args.print(a),
                status.token().isPresent() ? " (bearer token required)" : ""));
        out.flush();
        Thread hook = new Thread(server::close, "uxp-server-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (duration == null) {
                server.closed().toCompletableFuture().join();
            } else {
                server.closed().toCompletableFuture().get(duration.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException e) {
            server.close();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it closes the server
        }
        return Main.Exit.OK;
    }

    /** Logs opens and closes; each connection gets its own {@link Sink}. */
    private static final class Handler implements ServerHandler {
        private final boolean echo;

        Handler(boolean echo) {
            this.echo = echo;
        }

        @Override
        public ConnectionHandler onConnectionOpened(Connection connection) {
            LOG.info("connection {} from {} opened: {}", connection.id(), connection.remoteAddress(),
                    connection.suite());
            return new Sink(echo);
        }

        @Override
        public void onConnectionClosed(Connection connection, CloseCause cause) {
            LOG.info("connection {} from {} closed: {}", connection.id(), connection.remoteAddress(), cause);
        }

        @Override
        public void onServerClosed() {
            LOG.info("server closed");
        }
    }

    private StatusEndpointOptions statusOptions() throws IOException {
        if (statusPort != null && statusListen != null) {
            throw new ParameterException(spec.commandLine(), "give --status-port or --status-listen, not both");
        }
        if (statusPort == null && statusListen == null) {
            if (statusTokenFile != null || statusClientAddresses) {
                throw new ParameterException(spec.commandLine(),
                        "--status-token-file and --status-client-addresses need --status-port or --status-listen");
            }
            return null;
        }
        StatusEndpointOptions options = statusPort != null ? StatusEndpointOptions.loopback(statusPort)
                : StatusEndpointOptions.at(statusListen);
        if (statusTokenFile != null) {
            List<String> lines = Files.readAllLines(statusTokenFile, StandardCharsets.UTF_8);
            String token = lines.isEmpty() ? "" : lines.get(0).strip();
            try {
                options = options.withBearerToken(token);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), statusTokenFile + ": " + e.getMessage());
            }
        }
        return options.withClientAddresses(statusClientAddresses);
    }
}
