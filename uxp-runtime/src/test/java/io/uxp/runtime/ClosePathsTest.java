package io.uxp.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.uxp.api.CloseCause;
import io.uxp.api.CloseCause.Kind;
import io.uxp.api.Connection;
import io.uxp.api.ConnectionClosedException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every way a connection closes fires exactly the right events, exactly once, on both sides, over real UDP. The
 * paths that timers decide (idle timeout, lost heartbeats, dead link, keepalives) run in virtual time in
 * {@code embedded.EmbeddedClosePathsTest}.
 */
class ClosePathsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aClientCloseFlushesItsDataThenTellsTheServerAtOnce() throws Exception {
        Fixtures.Accepting accepting = new Fixtures.Accepting(Recorder::new);
        try (UxpServer server = Fixtures.server(accepting).start();
             UxpClient client = Fixtures.client().build()) {
            Recorder clientSide = new Recorder();
            Connection c = Fixtures.connect(client, server.localAddress(), clientSide);
            byte[] data = new byte[300_000];
            Fixtures.sendAll(c, clientSide, data, 30_000);
            c.close();
            assertThat(c.isOpen()).isFalse();
            assertThatThrownBy(() -> c.send(ByteBuffer.allocate(1))).isInstanceOf(ConnectionClosedException.class);
            assertThat(clientSide.closed.get(10, TimeUnit.SECONDS).kind()).isEqualTo(Kind.LOCAL_CLOSE);
            await().atMost(WAIT).until(() -> accepting.connectionCloses.size() == 1);
            Recorder serverSide = accepting.recorder(0);
            // the close message came after every queued byte: nothing was cut off
            assertThat(serverSide.bytes.get()).isEqualTo(data.length);
            assertThat(serverSide.closes()).extracting(CloseCause::kind).containsExactly(Kind.PEER_CLOSE);
            assertThat(accepting.connectionCloses).extracting(CloseCause::kind).containsExactly(Kind.PEER_CLOSE);
            assertThat(clientSide.closes()).hasSize(1);
            assertThat(c.closed().toCompletableFuture().get(1, TimeUnit.SECONDS).kind()).isEqualTo(Kind.LOCAL_CLOSE);
            assertThat(server.connections()).isEmpty();
        }
    }

    @Test
    void aServerCloseClosesEveryConnectionOnceThenReportsItself() throws Exception {
        Fixtures.Accepting accepting = new Fixtures.Accepting(Recorder::new);
        Recorder[] clients = new Recorder[5];
        UxpServer server = Fixtures.server(accepting).start();
        try (UxpClient client = Fixtures.client().build()) {
            for (int i = 0; i < clients.length; i++) {
                clients[i] = new Recorder();
                Fixtures.connect(client, server.localAddress(), clients[i]);
            }
            await().atMost(WAIT).until(() -> accepting.created.size() == clients.length);
            server.close();
            server.close();
            assertThat(server.closed().toCompletableFuture().isDone()).isTrue();
            assertThat(accepting.serverClosed.get()).isEqualTo(1);
            assertThat(accepting.closedBeforeServerClosed).isEqualTo(clients.length);
            assertThat(accepting.connectionCloses).hasSize(clients.length)
                    .allMatch(c -> c.kind() == Kind.SERVER_CLOSED);
            for (int i = 0; i < clients.length; i++) {
                assertThat(accepting.recorder(i).closes()).extracting(CloseCause::kind)
                        .containsExactly(Kind.SERVER_CLOSED);
                CloseCause atClient = clients[i].closed.get(10, TimeUnit.SECONDS);
                assertThat(atClient.kind()).isEqualTo(Kind.PEER_CLOSE);
                assertThat(atClient.detail()).contains("server shut down");
            }
            for (Recorder r : clients) {
                assertThat(r.closes()).hasSize(1);
            }
        }
    }

    @Test
    void aHandlerThatThrowsClosesOnlyItsConnectionWithLocalError() throws Exception {
        Fixtures.Accepting accepting = new Fixtures.Accepting(() -> new Recorder() {
            @Override
            void received(Connection connection, int n) {
                throw new IllegalStateException("application bug");
            }
        });
        try (UxpServer server = Fixtures.server(accepting).start();
             UxpClient client = Fixtures.client().build()) {
            Recorder healthy = new Recorder();
            Connection other = Fixtures.connect(client, server.localAddress(), healthy);
            Recorder clientSide = new Recorder();
            Connection c = Fixtures.connect(client, server.localAddress(), clientSide);
            await().atMost(WAIT).until(() -> accepting.created.size() == 2);
            c.send(ByteBuffer.wrap(new byte[10]));
            CloseCause atClient = clientSide.closed.get(10, TimeUnit.SECONDS);
            assertThat(atClient.kind()).isEqualTo(Kind.PEER_CLOSE);
            await().atMost(WAIT).until(() -> accepting.connectionCloses.size() == 1);
            assertThat(accepting.connectionCloses).singleElement().satisfies(cause -> {
                assertThat(cause.kind()).isEqualTo(Kind.LOCAL_ERROR);
                assertThat(cause.detail()).contains("onData").contains("application bug");
            });
            assertThat(other.isOpen()).isTrue();
            assertThat(healthy.closes()).isEmpty();
        }
    }

    @Test
    void closingTheClientClosesItsConnections() throws Exception {
        Fixtures.Accepting accepting = new Fixtures.Accepting(Recorder::new);
        try (UxpServer server = Fixtures.server(accepting).start()) {
            UxpClient client = Fixtures.client().build();
            Recorder a = new Recorder();
            Recorder b = new Recorder();
            Fixtures.connect(client, server.localAddress(), a);
            Fixtures.connect(client, server.localAddress(), b);
            client.close();
            assertThat(a.closes()).extracting(CloseCause::kind).containsExactly(Kind.LOCAL_CLOSE);
            assertThat(b.closes()).extracting(CloseCause::kind).containsExactly(Kind.LOCAL_CLOSE);
            await().atMost(WAIT).until(() -> accepting.connectionCloses.size() == 2);
            assertThat(accepting.connectionCloses).extracting(CloseCause::kind)
                    .containsExactly(Kind.PEER_CLOSE, Kind.PEER_CLOSE);
        }
    }
}
