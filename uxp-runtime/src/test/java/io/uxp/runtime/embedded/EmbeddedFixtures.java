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

/** Builders, a recording server handler and an open connection for the embedded tests. */
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

    /**
     * A server and a client on one harness with a connection open between them, each side recorded by a {@link Peer}
     * (neither echoes).
     *
     * @param accepting the server's handler: its connections and their peers
     * @param atClient the client's end
     * @param atServer the server's end
     */
    record Connected(UxpServer server, UxpClient client, Accepting accepting, Peer clientSide, Connection atClient,
            Connection atServer) {

        /** @return the server's peer of the connection */
        Peer serverSide() {
            return accepting.peers.get(0);
        }
    }

    /** Starts a server and a client on {@code h} and connects them, in virtual time (at most 6 s of it). */
    static Connected connected(EmbeddedHarness h) {
        Accepting accepting = new Accepting(h, false);
        UxpServer server = h.server(server(accepting));
        UxpClient client = h.client(client());
        Peer clientSide = new Peer(h::nowMillis, false);
        Connection c = h.await(client.connect(EmbeddedHarness.SERVER, clientSide), 5_000);
        if (!h.runUntil(() -> accepting.connections.size() == 1, 1_000)) {
            throw new AssertionError("the server did not see the connection within 1 s of the client");
        }
        return new Connected(server, client, accepting, clientSide, c, accepting.connections.get(0));
    }
}
