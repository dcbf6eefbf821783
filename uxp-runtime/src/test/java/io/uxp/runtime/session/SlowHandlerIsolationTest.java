package io.uxp.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.uxp.api.Connection;
import io.uxp.api.ConnectionHandler;
import io.uxp.api.SendResult;
import io.uxp.runtime.ClientSecurity;
import io.uxp.runtime.HandshakeLimits;
import io.uxp.runtime.ServerKeyPair;
import io.uxp.runtime.ServerSecurity;
import io.uxp.runtime.UxpClient;
import io.uxp.runtime.UxpServer;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A handler that blocks stalls only its own worker: connections on the other worker keep receiving, and the
 * receive thread keeps reading the socket (what the blocked worker's full queue cannot take is dropped as
 * QUEUE_FULL, never waited for).
 */
class SlowHandlerIsolationTest {

    @Test
    void aBlockedHandlerStallsOnlyItsOwnWorker() throws Exception {
        ServerKeyPair keys = ServerKeyPair.generate(new SecureRandom());
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        List<AtomicLong> counts = new ArrayList<>();
        List<CompletableFuture<Connection>> atServer = new ArrayList<>();
        HandshakeLimits limits = new HandshakeLimits(10_000, 250, 2_000, 1_024, 256, false, 1_000, 1_000, 4_096);
        try (UxpServer server = UxpServer.builder().bind(new InetSocketAddress("127.0.0.1", 0))
                .security(ServerSecurity.staticKey(keys)).workers(2).handshakeLimits(limits)
                .handler(connection -> {
                    AtomicLong n = new AtomicLong();
                    int index;
                    synchronized (counts) {
                        index = counts.size();
                        counts.add(n);
                        atServer.add(CompletableFuture.completedFuture(connection));
                    }
                    return (ConnectionHandler) (c, data) -> {
                        n.addAndGet(data.remaining());
                        if (index == 0) {
                            blocked.countDown();
                            try {
                                release.await(20, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    };
                }).start();
             UxpClient client = UxpClient.builder().security(ClientSecurity.pinnedServerKey(keys.publicKey()))
                     .build()) {
            List<Connection> clients = new ArrayList<>();
            // connection IDs are random, so connections spread over both workers; find one on the other worker
            UxpConnection other = null;
            for (int i = 0; i < 24 && other == null; i++) {
                clients.add(client.connect(server.localAddress(), (c, d) -> { }).get(10, TimeUnit.SECONDS));
                synchronized (counts) {
                    if (atServer.size() > 1) {
                        UxpConnection first = (UxpConnection) atServer.get(0).join();
                        for (CompletableFuture<Connection> f : atServer) {
                            UxpConnection c = (UxpConnection) f.join();
                            if (c.worker() != first.worker()) {
                                other = c;
                            }
                        }
                    }
                }
            }
            assertThat(other).as("a connection on the second worker").isNotNull();
            int otherIndex;
            synchronized (counts) {
                otherIndex = -1;
                for (int i = 0; i < atServer.size(); i++) {
                    if (atServer.get(i).join() == other) {
                        otherIndex = i;
                    }
                }
            }
            clients.get(0).send(ByteBuffer.wrap(new byte[100]));
            assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
            // worker 1 of the first connection is now stuck inside onData; the other worker must keep going
            Connection sender = clients.get(otherIndex);
            AtomicLong otherCount = counts.get(otherIndex);
            for (int i = 0; i < 200; i++) {
                assertThat(sender.send(ByteBuffer.wrap(new byte[1_000]))).isEqualTo(SendResult.ACCEPTED);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> otherCount.get() == 200_000);
            assertThat(blocked.getCount()).isZero();
            assertThat(release.getCount()).isEqualTo(1);
            release.countDown();
        }
    }
}
