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
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A handler that blocks stalls only its own worker: a connection on the other worker keeps receiving, because
 * the receive thread never waits for a worker (what a blocked worker's full queue cannot take is dropped as
 * QUEUE_FULL).
 */
class SlowHandlerIsolationTest {

    @Test
    void aBlockedHandlerStallsOnlyItsOwnWorker() throws Exception {
        ServerKeyPair keys = ServerKeyPair.generate(new SecureRandom());
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        // server-side connections and their byte counts, by the client's port (each client adopts its channel)
        Map<Integer, UxpConnection> byClientPort = new ConcurrentHashMap<>();
        Map<Integer, AtomicLong> received = new ConcurrentHashMap<>();
        Map<Integer, Boolean> blocking = new ConcurrentHashMap<>();
        HandshakeLimits limits = new HandshakeLimits(10_000, 250, 2_000, 1_024, 256, false, 1_000, 1_000, 4_096);
        try (UxpServer server = UxpServer.builder().bind(new InetSocketAddress("127.0.0.1", 0))
                .security(ServerSecurity.staticKey(keys)).workers(2).handshakeLimits(limits)
                .handler(connection -> {
                    int port = connection.remoteAddress().getPort();
                    AtomicLong n = received.computeIfAbsent(port, p -> new AtomicLong());
                    byClientPort.put(port, (UxpConnection) connection);
                    return (ConnectionHandler) (c, data) -> {
                        n.addAndGet(data.remaining());
                        if (blocking.containsKey(port)) {
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
            Map<Integer, Connection> clients = new ConcurrentHashMap<>();
            Integer slowPort = null;
            Integer otherPort = null;
            // connection IDs are random, so connections spread over both workers: connect until both are used
            for (int i = 0; i < 24 && otherPort == null; i++) {
                DatagramChannel ch = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
                int port = ((InetSocketAddress) ch.getLocalAddress()).getPort();
                clients.put(port, client.connect(ch, server.localAddress(), (c, d) -> { }).get(10, TimeUnit.SECONDS));
                await().atMost(Duration.ofSeconds(10)).until(() -> byClientPort.containsKey(port));
                if (slowPort == null) {
                    slowPort = port;
                } else if (byClientPort.get(port).worker() != byClientPort.get(slowPort).worker()) {
                    otherPort = port;
                }
            }
            assertThat(otherPort).as("a connection on the second worker").isNotNull();
            blocking.put(slowPort, true);
            clients.get(slowPort).send(ByteBuffer.wrap(new byte[100]));
            assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
            // the slow connection's worker is now stuck inside onData; the other worker must keep going
            Connection sender = clients.get(otherPort);
            for (int i = 0; i < 200; i++) {
                assertThat(sender.send(ByteBuffer.wrap(new byte[1_000]))).isEqualTo(SendResult.ACCEPTED);
            }
            AtomicLong otherCount = received.get(otherPort);
            await().atMost(Duration.ofSeconds(20)).until(() -> otherCount.get() == 200_000);
            assertThat(release.getCount()).isEqualTo(1);
            release.countDown();
        }
    }
}
