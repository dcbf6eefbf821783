package io.uxp.runtime.status;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.uxp.api.Connection;
import io.uxp.runtime.ServerStats;
import io.uxp.runtime.StatusEndpointOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The optional HTTP status endpoint, on the JDK's {@code com.sun.net.httpserver} (module {@code jdk.httpserver}):
 * {@code GET /status} answers JSON, {@code GET /metrics} Prometheus text, both for the server and each open
 * connection. One daemon thread serves requests; a snapshot of a connection is taken on its worker. With a bearer
 * token configured, a request without {@code Authorization: Bearer <token>} gets 401 (compared in constant time);
 * client addresses appear only when the options ask for them.
 */
public final class StatusEndpoint implements AutoCloseable {

    private final HttpServer http;
    private final ExecutorService executor;

    private StatusEndpoint(HttpServer http, ExecutorService executor) {
        this.http = http;
        this.executor = executor;
    }

    /**
     * @param options where to listen (port 0 picks one), the token, whether to show client addresses
     * @param server the server's snapshot
     * @param connections the open connections
     * @return the running endpoint
     * @throws IOException if it cannot listen
     */
    public static StatusEndpoint start(StatusEndpointOptions options, Supplier<ServerStats> server,
            Supplier<List<Connection>> connections) throws IOException {
        HttpServer http = HttpServer.create(options.address(), 16);
        byte[] expected = options.token().map(t -> ("Bearer " + t).getBytes(StandardCharsets.US_ASCII))
                .orElse(null);
        boolean addresses = options.clientAddresses();
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "uxp-status-http");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(executor);
        http.createContext("/status", ex -> answer(ex, expected, "application/json; charset=utf-8",
                () -> StatusFormat.json(server.get(), entries(connections.get()), addresses)));
        http.createContext("/metrics", ex -> answer(ex, expected, "text/plain; version=0.0.4; charset=utf-8",
                () -> StatusFormat.prometheus(server.get(), entries(connections.get()))));
        http.start();
        return new StatusEndpoint(http, executor);
    }

    private static List<StatusFormat.Entry> entries(List<Connection> connections) {
        List<StatusFormat.Entry> out = new ArrayList<>(connections.size());
        for (Connection c : connections) {
            out.add(new StatusFormat.Entry(c, c.stats()));
        }
        return out;
    }

    private static void answer(HttpExchange ex, byte[] expectedAuthorization, String type, Supplier<String> body)
            throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            if (expectedAuthorization != null && !authorized(ex, expectedAuthorization)) {
                ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"uxp\"");
                ex.sendResponseHeaders(401, -1);
                return;
            }
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static boolean authorized(HttpExchange ex, byte[] expected) {
        String given = ex.getRequestHeaders().getFirst("Authorization");
        return given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.US_ASCII));
    }

    /** @return the address it listens on */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    /** Stops listening. */
    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }
}
