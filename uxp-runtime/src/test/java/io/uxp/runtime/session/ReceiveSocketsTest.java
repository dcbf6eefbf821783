package io.uxp.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.uxp.api.Connection;
import io.uxp.api.ConnectionHandler;
import io.uxp.api.SendResult;
import io.uxp.runtime.ClientSecurity;
import io.uxp.runtime.ServerKeyPair;
import io.uxp.runtime.ServerSecurity;
import io.uxp.runtime.UxpClient;
import io.uxp.runtime.UxpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * How a server reads its port: by default one {@code SO_REUSEPORT} socket per worker, each read by its worker, so
 * clients spread over the workers and no receive thread exists; with {@code receiveSockets(1)} one socket and a
 * receive thread; a port in use still fails the bind.
 */
class ReceiveSocketsTest {

    private static final ServerKeyPair KEYS = ServerKeyPair.generate(new SecureRandom());
    private static final int CLIENTS = 16;
    private static final int BYTES_EACH = 64 * 1_024;

    /** Per server-side connection: which threads ran its callbacks and how many bytes arrived. */
    private final Map<Long, Set<String>> threads = new ConcurrentHashMap<>();
    private final Map<Long, AtomicLong> bytes = new ConcurrentHashMap<>();

    private UxpServer.Builder server() {
        return UxpServer.builder().bind(new InetSocketAddress("127.0.0.1", 0))
                .security(ServerSecurity.staticKey(KEYS)).workers(2)
                .handler(connection -> {
                    Set<String> names = threads.computeIfAbsent(connection.id(), id -> ConcurrentHashMap.newKeySet());
                    AtomicLong n = bytes.computeIfAbsent(connection.id(), id -> new AtomicLong());
                    return (ConnectionHandler) (c, data) -> {
                        names.add(Thread.currentThread().getName());
                        n.addAndGet(data.remaining());
                    };
                });
    }

    private void transfer(UxpServer server) throws Exception {
        try (UxpClient client = UxpClient.builder().security(ClientSecurity.pinnedServerKey(KEYS.publicKey()))
                .workers(2).build()) {
            List<Connection> connections = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                connections.add(client.connect(server.localAddress(), (c, d) -> { }).get(10, TimeUnit.SECONDS));
            }
            for (Connection c : connections) {
                for (int sent = 0; sent < BYTES_EACH; sent += 1_024) {
                    assertThat(c.send(ByteBuffer.wrap(new byte[1_024]))).isEqualTo(SendResult.ACCEPTED);
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> bytes.size() == CLIENTS
                    && bytes.values().stream().allMatch(n -> n.get() == BYTES_EACH));
        }
    }

    private static boolean receiveThreadOf(UxpServer server) {
        String name = "uxp-server-" + server.localAddress().getPort() + "-receive";
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name));
    }

    @Test
    void byDefaultEachWorkerReadsItsOwnSocketAndClientsSpreadOverBothWorkers() throws Exception {
        try (UxpServer server = server().start()) {
            assertThat(receiveThreadOf(server)).as("a receive thread").isFalse();
            transfer(server);
            String prefix = "uxp-server-" + server.localAddress().getPort() + "-worker-";
            Set<String> used = ConcurrentHashMap.newKeySet();
            for (Set<String> names : threads.values()) {
                assertThat(names).as("one connection's callbacks run on one worker").hasSize(1);
                used.addAll(names);
            }
            // the kernel hashes each client's address and port over the two sockets: 16 clients all on one socket
            // has odds of 2 in 65,536
            assertThat(used).containsExactlyInAnyOrder(prefix + "0", prefix + "1");
        }
    }

    @Test
    void withOneReceiveSocketAReceiveThreadReadsAndRoutesToBothWorkers() throws Exception {
        try (UxpServer server = server().receiveSockets(1).start()) {
            assertThat(receiveThreadOf(server)).as("a receive thread").isTrue();
            transfer(server);
            assertThat(threads.values()).allMatch(names -> names.size() == 1);
        }
    }

    @Test
    void aServerWithOneWorkerReadsItsSocketOnThatWorkerUnlessAskedForTheThread() throws Exception {
        try (UxpServer server = server().workers(1).start()) {
            assertThat(receiveThreadOf(server)).as("a receive thread").isFalse();
            transfer(server);
        }
        threads.clear();
        bytes.clear();
        try (UxpServer server = server().workers(1).receiveSockets(1).start()) {
            assertThat(receiveThreadOf(server)).as("a receive thread").isTrue();
            transfer(server);
        }
    }

    @Test
    void aSecondServerOnABusyPortFailsToBindInsteadOfJoiningTheFirstsSockets() throws Exception {
        try (UxpServer first = server().start()) {
            assertThatThrownBy(() -> server().bind(first.localAddress()).start()).isInstanceOf(IOException.class);
        }
    }

    @Test
    void moreReceiveSocketsThanWorkersIsRefused() {
        assertThatThrownBy(() -> server().workers(2).receiveSockets(3).start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("receiveSockets (3) cannot exceed");
    }
}
