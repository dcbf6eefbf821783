package io.uxp.runtime.session;

import io.uxp.api.Connection;
import io.uxp.api.ServerHandler;
import io.uxp.api.spi.ProviderRegistry;
import io.uxp.runtime.ConnectionSettings;
import io.uxp.runtime.HandshakeLimits;
import io.uxp.runtime.KeyUpdatePolicy;
import io.uxp.runtime.ProviderPreferences;
import io.uxp.runtime.ServerSecurity;
import io.uxp.runtime.ServerStats;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** The server's machinery behind {@link io.uxp.runtime.UxpServer}. */
public final class ServerEndpoint {

    /** Everything the builder collected. */
    public record Config(InetSocketAddress bind, DatagramChannel channel, ServerHandler handler,
            ServerSecurity security, ProviderPreferences preferences, ProviderRegistry registry,
            ConnectionSettings settings, HandshakeLimits handshakeLimits, KeyUpdatePolicy keyUpdatePolicy,
            int workers, int maxConnections, boolean statusLogging, InetSocketAddress statusEndpoint) {
    }

    private ServerEndpoint() {
    }

    /** @param config the configuration @return a started endpoint @throws IOException if the socket fails */
    public static ServerEndpoint start(Config config) throws IOException {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** @return the bound address */
    public InetSocketAddress localAddress() {
        throw new UnsupportedOperationException();
    }

    /** @return the status endpoint's address */
    public Optional<InetSocketAddress> statusEndpointAddress() {
        throw new UnsupportedOperationException();
    }

    /** @return open connections */
    public List<Connection> connections() {
        throw new UnsupportedOperationException();
    }

    /** @return counters */
    public ServerStats stats() {
        throw new UnsupportedOperationException();
    }

    /** Closes everything. */
    public void close() {
        throw new UnsupportedOperationException();
    }

    /** @return completes when closed */
    public CompletionStage<Void> closed() {
        throw new UnsupportedOperationException();
    }
}
