package io.uxp.runtime.session;

import io.uxp.api.Connection;
import io.uxp.api.ConnectionHandler;
import io.uxp.api.spi.ProviderRegistry;
import io.uxp.runtime.ClientSecurity;
import io.uxp.runtime.ConnectionSettings;
import io.uxp.runtime.HandshakeLimits;
import io.uxp.runtime.KeyUpdatePolicy;
import io.uxp.runtime.ProviderPreferences;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.CompletableFuture;

/** The client's machinery behind {@link io.uxp.runtime.UxpClient}. */
public final class ClientEndpoint {

    /** Everything the builder collected. */
    public record Config(ClientSecurity security, ProviderPreferences preferences, ProviderRegistry registry,
            ConnectionSettings settings, HandshakeLimits handshakeLimits, KeyUpdatePolicy keyUpdatePolicy,
            int workers) {
    }

    private ClientEndpoint() {
    }

    /** @param config the configuration @return a started endpoint */
    public static ClientEndpoint start(Config config) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** @param adopted a channel or null @param server address @param handler events @return the future */
    public CompletableFuture<Connection> connect(DatagramChannel adopted, InetSocketAddress server,
            ConnectionHandler handler) {
        throw new UnsupportedOperationException();
    }

    /** Closes everything. */
    public void close() {
        throw new UnsupportedOperationException();
    }
}
