package io.uxp.cli;

import io.uxp.runtime.HandshakeLimits;
import io.uxp.runtime.PreSharedKey;
import io.uxp.runtime.ServerKeyPair;
import io.uxp.runtime.ServerSecurity;
import io.uxp.runtime.StatusEndpointOptions;
import io.uxp.runtime.UxpServer;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

    @Option(names = "--duration", paramLabel = "D", converter = Converters.PositiveDurationConverter.class,
            description = "Stop after this long, e.g. 10m (default: run until interrupted).")
    Duration duration;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServerKeyPair pair = key != null ? KeyFiles.readKeyPair(key, "--key", err) : null;
        PreSharedKey preShared = psk != null ? KeyFiles.readPreSharedKey(psk, "--psk", err) : null;
        if (pair == null && preShared == null) {
            pair = ServerKeyPair.generate(new SecureRandom());
            out.println("no --key or --psk: generated a key for this run only");
        }
        ServerSecurity security = pair == null ? ServerSecurity.preSharedKey(preShared)
                : preShared == null ? ServerSecurity.staticKey(pair)
                : ServerSecurity.staticKeyAndPreSharedKey(pair, preShared);
        ServerEvents events = new ServerEvents(echo);
        UxpServer.Builder builder = UxpServer.builder().bind(listen).security(security)
                .preferences(transport.serverPreferences()).settings(transport.settings())
                .handler(events);
        if (workers != null) {
            if (workers < 1) {
                throw new ParameterException(spec.commandLine(), "--workers must be 1 or more, got " + workers);
            }
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
        events.watchHandshakes(server);
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
        events.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it closes the server
        }
        return Main.Exit.OK;
    }

    private StatusEndpointOptions statusOptions() {
        if (statusPort != null && statusListen != null) {
            throw new ParameterException(spec.commandLine(), "give --status-port or --status-listen, not both");
        }
        if (statusPort != null && (statusPort < 0 || statusPort > 0xFFFF)) {
            throw new ParameterException(spec.commandLine(), "--status-port must be 0 to 65535, got " + statusPort);
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
            String token = KeyFiles.readKeyText(statusTokenFile, "--status-token-file", "a file whose first line is "
                    + "the token").lines().findFirst().orElse("").strip();
            try {
                options = options.withBearerToken(token);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), statusTokenFile + ": " + e.getMessage());
            }
        }
        return options.withClientAddresses(statusClientAddresses);
    }
}
