package io.uxp.runtime.embedded;

import io.uxp.api.CloseCause;
import io.uxp.api.Connection;
import io.uxp.api.ConnectionHandler;
import io.uxp.api.ServerHandler;
import io.uxp.runtime.ClientSecurity;
import io.uxp.runtime.ServerKeyPair;
import io.uxp.runtime.ServerSecurity;
import io.uxp.runtime.UxpClient;
import io.uxp.runtime.UxpServer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** Builders and a recording server handler for the embedded tests. */
final class EmbeddedFixtures {

    static final ServerKeyPair KEYS = ServerKeyPair.generate(new SecureRandom());

    private EmbeddedFixtures() {
    }

    /** Records the server's connections, one {@link Peer} each, and its own events. */
    static final class Accepting implements ServerHandler {
        final List<Peer> peers = new ArrayList<>();
        final List<Connection> connections = new ArrayList<>();
        final List<CloseCause> connectionCloses = new ArrayList<>();
        int serverClosed;
        private final EmbeddedHarness harness;
        private final boolean echo;

        Accepting(EmbeddedHarness harness, boolean echo) {
            this.harness = harness;
            this.echo = echo;
        }

        @Override
        public ConnectionHandler onConnectionOpened(Connection connection) {
            Peer p = new Peer(harness::nowMillis, echo);
            peers.add(p);
            connections.add(connection);
            return p;
        }

        @Override
        public void onConnectionClosed(Connection connection, CloseCause cause) {
            connectionCloses.add(cause);
        }

        @Override
        public void onServerClosed() {
            serverClosed++;
        }
    }

    static UxpServer.Builder server(ServerHandler handler) {
        return UxpServer.builder().security(ServerSecurity.staticKey(KEYS)).handler(handler).workers(1);
    }

    static UxpClient.Builder client() {
        return UxpClient.builder().security(ClientSecurity.pinnedServerKey(KEYS.publicKey()));
    }
}
