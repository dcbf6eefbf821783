package io.uxp.runtime;

import io.uxp.api.Connection;
import io.uxp.api.ServerHandler;
import io.uxp.api.spi.ProviderRegistry;
import io.uxp.runtime.session.EndpointEnvironment;
import io.uxp.runtime.session.ServerEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A UXP server: one UDP socket, a receive thread that reads it, and {@code workers} event-loop threads
 * that own the connections. Each accepted connection lives on one worker; its KCP state, timers and every
 * callback of its {@link io.uxp.api.ConnectionHandler} run there, one at a time. Handshakes run on the
 * first worker. {@link ServerHandler#onConnectionOpened} runs on the new connection's worker, before its
 * {@code onReady}.
 *
 * <pre>{@code
 * UxpServer server = UxpServer.builder()
 *         .bind(new InetSocketAddress("127.0.0.1", 7000))
 *         .security(ServerSecurity.staticKey(keyPair))
 *         .handler(connection -> (c, data) -> c.send(data))   // an echo server
 *         .start();
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} closes every connection (each handler's {@code onClosed} and the server
 * handler's {@code onConnectionClosed} fire once per connection, with {@code SERVER_CLOSED}), then fires
 * {@link ServerHandler#onServerClosed} and closes the socket.
 */
public final class UxpServer implements AutoCloseable {

    private final ServerEndpoint endpoint;

    /** @return the machinery, for a test's embedded harness (which closes without blocking) */
    ServerEndpoint endpoint() {
        return endpoint;
    }

    private UxpServer(ServerEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** @return a builder with the documented defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the address the socket is bound to (with the real port when bound to port 0) */
    public InetSocketAddress localAddress() {
        return endpoint.localAddress();
    }

    /** @return the address the HTTP status endpoint listens on, if one was configured */
    public Optional<InetSocketAddress> statusEndpointAddress() {
        return endpoint.statusEndpointAddress();
    }

    /** @return a snapshot of the open connections */
    public List<Connection> connections() {
        return endpoint.connections();
    }

    /** @return a snapshot of the server-wide counters */
    public ServerStats stats() {
        return endpoint.stats();
    }

    /**
     * Closes every connection (each with {@code SERVER_CLOSED}, sending each peer a close message), fires
     * {@link ServerHandler#onServerClosed} (on the calling thread), stops the threads and closes the socket.
     * Idempotent; returns once the server is closed or after a bounded wait (5 s for the connections' events).
     * Called from inside a handler, it runs on a new thread and returns at once; see {@link #closed()}.
     */
    @Override
    public void close() {
        endpoint.close();
    }

    /** @return completes once the server is fully closed */
    public CompletionStage<Void> closed() {
        return endpoint.closed();
    }

    /** Configures and starts a {@link UxpServer}. Not thread-safe; use it from one thread. */
    public static final class Builder {
        private InetSocketAddress bind;
        private DatagramChannel channel;
        private ServerHandler handler;
        private ServerSecurity security;
        private ProviderPreferences preferences = ProviderPreferences.defaults();
        private ProviderRegistry registry;
        private ConnectionSettings settings = ConnectionSettings.defaults();
        private HandshakeLimits handshakeLimits = HandshakeLimits.defaults();
        private KeyUpdatePolicy keyUpdatePolicy = KeyUpdatePolicy.defaults();
        private int workers = Runtime.getRuntime().availableProcessors();
        /** 0: one per worker where SO_REUSEPORT works. */
        private int receiveSockets;
        private int maxConnections = 10_000;
        private boolean statusLogging;
        private StatusEndpointOptions statusEndpoint;

        private Builder() {
        }

        /**
         * @param address where to bind the server's socket
         * @return this builder
         */
        public Builder bind(InetSocketAddress address) {
            this.bind = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * Adopts a channel the caller made and bound; the server owns it from now on (its reads, writes, its
         * blocking mode and its close).
         *
         * @param adopted a bound, unconnected datagram channel
         * @return this builder
         */
        public Builder channel(DatagramChannel adopted) {
            this.channel = Objects.requireNonNull(adopted, "adopted");
            return this;
        }

        /**
         * @param serverHandler receives the server's events (required)
         * @return this builder
         */
        public Builder handler(ServerHandler serverHandler) {
            this.handler = Objects.requireNonNull(serverHandler, "serverHandler");
            return this;
        }

        /**
         * @param serverSecurity the static key and/or pre-shared key (required: no silent default)
         * @return this builder
         */
        public Builder security(ServerSecurity serverSecurity) {
            this.security = Objects.requireNonNull(serverSecurity, "serverSecurity");
            return this;
        }

        /**
         * @param p allowed providers in preference order; default {@link ProviderPreferences#defaults()}
         * @return this builder
         */
        public Builder preferences(ProviderPreferences p) {
            this.preferences = Objects.requireNonNull(p, "preferences");
            return this;
        }

        /**
         * @param r the providers to choose from; default {@link ProviderRegistry#load()}
         * @return this builder
         */
        public Builder registry(ProviderRegistry r) {
            this.registry = Objects.requireNonNull(r, "registry");
            return this;
        }

        /**
         * @param s settings applied to every accepted connection; default {@link ConnectionSettings#defaults()}
         * @return this builder
         */
        public Builder settings(ConnectionSettings s) {
            this.settings = Objects.requireNonNull(s, "settings");
            return this;
        }

        /**
         * @param l handshake timers and flood defences; default {@link HandshakeLimits#defaults()}
         * @return this builder
         */
        public Builder handshakeLimits(HandshakeLimits l) {
            this.handshakeLimits = Objects.requireNonNull(l, "handshakeLimits");
            return this;
        }

        /**
         * @param k key update limits; default {@link KeyUpdatePolicy#defaults()}
         * @return this builder
         */
        public Builder keyUpdatePolicy(KeyUpdatePolicy k) {
            this.keyUpdatePolicy = Objects.requireNonNull(k, "keyUpdatePolicy");
            return this;
        }

        /**
         * @param n worker threads, 1 to 256; default the number of available processors
         * @return this builder
         */
        public Builder workers(int n) {
            if (n < 1 || n > 256) {
                throw new IllegalArgumentException("workers must be 1 to 256, got " + n);
            }
            this.workers = n;
            return this;
        }

        /**
         * How the server reads its port. With {@code n > 1} it binds {@code n} UDP sockets to the port with
         * {@code SO_REUSEPORT} and workers {@code 0..n-1} each read one: the kernel spreads clients over them by
         * address, and a connection lives on the worker whose socket its handshake came in on, so its datagrams
         * need no hand-off (a datagram that arrives on another socket, after a NAT rebinding, is routed by
         * connection ID). With {@code n == 1}, one socket is read by a receive thread that routes every datagram
         * to its connection's worker: a handler that blocks its worker then never stops the socket being read.
         * Default: one socket per worker where the platform offers {@code SO_REUSEPORT} (Linux, the BSDs, macOS),
         * else 1; an adopted {@link #channel} is read by a receive thread, except that a server with one worker
         * always reads its one socket on that worker unless {@code receiveSockets(1)} asks for the thread.
         *
         * @param n sockets, 1 to the number of workers (checked at {@link #start})
         * @return this builder
         */
        public Builder receiveSockets(int n) {
            if (n < 1 || n > 256) {
                throw new IllegalArgumentException("receiveSockets must be 1 to 256, got " + n);
            }
            this.receiveSockets = n;
            return this;
        }

        /**
         * @param n most open connections; further handshakes are refused; default 10,000
         * @return this builder
         */
        public Builder maxConnections(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxConnections must be positive, got " + n);
            }
            this.maxConnections = n;
            return this;
        }

        /**
         * @param on whether to log a server-wide status line through SLF4J every 5 s; default off
         * @return this builder
         */
        public Builder statusLogging(boolean on) {
            this.statusLogging = on;
            return this;
        }

        /**
         * Serves {@code /status} (JSON) and {@code /metrics} (Prometheus text) over plain HTTP at the address
         * given, with no token and no client addresses; same as {@code statusEndpoint(StatusEndpointOptions.at(
         * address))}. Prefer {@link StatusEndpointOptions#loopback(int)} unless other hosts must read it.
         *
         * @param address where to listen; port 0 picks a free port (see {@link UxpServer#statusEndpointAddress()})
         * @return this builder
         */
        public Builder statusEndpoint(InetSocketAddress address) {
            return statusEndpoint(StatusEndpointOptions.at(address));
        }

        /**
         * @param options where the HTTP status endpoint listens, the bearer token it requires, whether it lists
         *     client addresses; default no endpoint. A non-loopback address without a token logs a warning.
         * @return this builder
         */
        public Builder statusEndpoint(StatusEndpointOptions options) {
            this.statusEndpoint = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Binds (or adopts) the socket and starts the threads.
         *
         * @return the running server
         * @throws IOException if the socket cannot be bound or configured
         * @throws IllegalStateException if the handler, the security or the socket is missing
         */
        public UxpServer start() throws IOException {
            return start(EndpointEnvironment.SYSTEM);
        }

        /** As {@link #start()}, on another clock, threads and sockets: a test's embedded harness. */
        UxpServer start(EndpointEnvironment environment) throws IOException {
            if (handler == null) {
                throw new IllegalStateException("a server needs a handler: call handler(ServerHandler)");
            }
            if (security == null) {
                throw new IllegalStateException("a server needs its security: call security(ServerSecurity."
                        + "staticKey(ServerKeyPair.generate())) or another ServerSecurity");
            }
            if ((bind == null) == (channel == null)) {
                throw new IllegalStateException("give the server exactly one of bind(address) or channel(channel)");
            }
            if (receiveSockets > workers) {
                throw new IllegalStateException("receiveSockets (" + receiveSockets + ") cannot exceed workers ("
                        + workers + "): each socket is read by its own worker");
            }
            ServerEndpoint.Config config = new ServerEndpoint.Config(bind, channel, handler, security, preferences,
                    registry != null ? registry : ProviderRegistry.load(), settings, handshakeLimits,
                    keyUpdatePolicy, workers, receiveSockets, maxConnections, statusLogging, statusEndpoint);
            return new UxpServer(ServerEndpoint.start(config, environment));
        }
    }
}
