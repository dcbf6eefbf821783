package io.uxp.runtime;

import io.uxp.api.Connection;
import io.uxp.api.ConnectionHandler;
import io.uxp.api.spi.ProviderRegistry;
import io.uxp.runtime.session.ClientEndpoint;
import io.uxp.runtime.session.EndpointEnvironment;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A UXP client: makes connections to servers. Each connection has its own UDP socket (an ephemeral local
 * port, or a channel the caller adopts); one receive thread serves every socket of the client, and
 * {@code workers} event-loop threads own the connections. A connection's handshake, KCP state, timers and
 * callbacks all run on its worker, one at a time.
 *
 * <pre>{@code
 * try (UxpClient client = UxpClient.builder().security(ClientSecurity.pinnedServerKey(serverKey)).build()) {
 *     Connection c = client.connect(serverAddress, (conn, data) -> { }).get(10, TimeUnit.SECONDS);
 *     c.send(ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)));
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} closes every connection of this client gracefully, then stops the threads.
 */
public final class UxpClient implements AutoCloseable {

    private final ClientEndpoint endpoint;

    /** @return the machinery, for a test's embedded harness (which closes without blocking) */
    ClientEndpoint endpoint() {
        return endpoint;
    }

    private UxpClient(ClientEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** @return a builder with the documented defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens a socket on an ephemeral local port and runs the handshake.
     *
     * @param server the server's address
     * @param handler receives the connection's events
     * @return completes with the connection when it is ready (after {@code handler.onReady}), or exceptionally
     *     with a {@link io.uxp.api.HandshakeException} whose reason is {@code TIMEOUT},
     *     {@code NO_COMMON_PROVIDER}, {@code AUTHENTICATION_FAILED}, {@code REJECTED},
     *     {@code VERSION_MISMATCH} or {@code PROTOCOL_ERROR}, or with an {@link java.io.IOException}
     */
    public CompletableFuture<Connection> connect(InetSocketAddress server, ConnectionHandler handler) {
        return endpoint.connect(null, server, handler);
    }

    /**
     * Runs the handshake over a channel the caller made; the client owns it from now on (reads, writes,
     * blocking mode and close). The channel may be bound or not; it must not be connected elsewhere.
     *
     * @param adopted the channel
     * @param server the server's address
     * @param handler receives the connection's events
     * @return as {@link #connect(InetSocketAddress, ConnectionHandler)}
     */
    public CompletableFuture<Connection> connect(DatagramChannel adopted, InetSocketAddress server,
            ConnectionHandler handler) {
        return endpoint.connect(Objects.requireNonNull(adopted, "adopted"), server, handler);
    }

    /** Closes every connection of this client gracefully (bounded by the close flush timeout), then the threads. */
    @Override
    public void close() {
        endpoint.close();
    }

    /** Configures a {@link UxpClient}. Not thread-safe; use it from one thread. */
    public static final class Builder {
        private ClientSecurity security;
        private ProviderPreferences preferences = ProviderPreferences.defaults();
        private ProviderRegistry registry;
        private ConnectionSettings settings = ConnectionSettings.defaults();
        private HandshakeLimits handshakeLimits = HandshakeLimits.defaults();
        private KeyUpdatePolicy keyUpdatePolicy = KeyUpdatePolicy.defaults();
        private int workers = 1;

        private Builder() {
        }

        /**
         * @param s how the server is authenticated (required: no silent default)
         * @return this builder
         */
        public Builder security(ClientSecurity s) {
            this.security = Objects.requireNonNull(s, "security");
            return this;
        }

        /**
         * @param p providers offered, in preference order; default {@link ProviderPreferences#defaults()}
         * @return this builder
         */
        public Builder preferences(ProviderPreferences p) {
            this.preferences = Objects.requireNonNull(p, "preferences");
            return this;
        }

        /**
         * @param r the providers to offer from; default {@link ProviderRegistry#load()}
         * @return this builder
         */
        public Builder registry(ProviderRegistry r) {
            this.registry = Objects.requireNonNull(r, "registry");
            return this;
        }

        /**
         * @param s settings of every connection; default {@link ConnectionSettings#defaults()}
         * @return this builder
         */
        public Builder settings(ConnectionSettings s) {
            this.settings = Objects.requireNonNull(s, "settings");
            return this;
        }

        /**
         * @param l handshake timeout and retransmission timers; default {@link HandshakeLimits#defaults()}
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
         * @param n worker threads, 1 to 256; default 1
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
         * @return the client, with its threads started
         * @throws IllegalStateException if the security is missing
         */
        public UxpClient build() {
            return build(EndpointEnvironment.SYSTEM);
        }

        /** As {@link #build()}, on another clock, threads and sockets: a test's embedded harness. */
        UxpClient build(EndpointEnvironment environment) {
            if (security == null) {
                throw new IllegalStateException("a client needs its security: call security(ClientSecurity."
                        + "pinnedServerKey(serverPublicKey)) or another ClientSecurity");
            }
            return new UxpClient(ClientEndpoint.start(new ClientEndpoint.Config(security, preferences,
                    registry != null ? registry : ProviderRegistry.load(), settings, handshakeLimits,
                    keyUpdatePolicy, workers), environment));
        }
    }
}
