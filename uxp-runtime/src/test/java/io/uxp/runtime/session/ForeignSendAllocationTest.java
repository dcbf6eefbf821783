package io.uxp.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.Connection;
import io.uxp.api.ConnectionHandler;
import io.uxp.api.SendResult;
import io.uxp.runtime.ClientSecurity;
import io.uxp.runtime.ServerKeyPair;
import io.uxp.runtime.ServerSecurity;
import io.uxp.runtime.UxpClient;
import io.uxp.runtime.UxpServer;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A send from a thread other than the connection's worker allocates nothing in steady state: the message is
 * copied into a reused buffer of the lock-free hand-off, and many sends between two worker turns queue one task.
 * Measured on the sending thread, over real loopback, in bursts the worker drains between turns.
 */
class ForeignSendAllocationTest {

    private static final int BURST = 32;
    private static final int WARM_UP = 20_000;
    private static final int MEASURED = 50_000;

    @Test
    void sendingFromAnotherThreadAllocatesNothingPerMessageInSteadyState() throws Exception {
        ServerKeyPair keys = ServerKeyPair.generate(new SecureRandom());
        AtomicLong received = new AtomicLong();
        try (UxpServer server = UxpServer.builder().bind(new InetSocketAddress("127.0.0.1", 0))
                .security(ServerSecurity.staticKey(keys)).workers(1)
                .handler(c -> (ConnectionHandler) (conn, data) -> received.incrementAndGet()).start();
             UxpClient client = UxpClient.builder().security(ClientSecurity.pinnedServerKey(keys.publicKey()))
                     .build()) {
            Connection c = client.connect(server.localAddress(), (conn, data) -> { }).get(10, TimeUnit.SECONDS);
            ByteBuffer message = ByteBuffer.allocate(64);
            send(c, message, received, WARM_UP);
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long me = Thread.currentThread().getId();
            long before = mx.getThreadAllocatedBytes(me);
            send(c, message, received, MEASURED);
            long bytes = mx.getThreadAllocatedBytes(me) - before;
            double perMessage = (double) bytes / MEASURED;
            System.out.printf("foreign-thread send: %d bytes over %d messages (%.3f B/message)%n", bytes, MEASURED,
                    perMessage);
            assertThat(perMessage).isLessThan(1.0);
        }
    }

    /** Sends {@code n} messages in bursts, each burst after the server has received the previous ones. */
    private static void send(Connection c, ByteBuffer message, AtomicLong received, int n) {
        long target = received.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int sent = 0; sent < n; ) {
            for (int i = 0; i < BURST && sent < n; ) {
                message.clear();
                if (c.send(message) == SendResult.ACCEPTED) {
                    i++;
                    sent++;
                    target++;
                } else {
                    Thread.onSpinWait();
                }
            }
            while (received.get() < target) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the server stopped receiving at " + received.get());
                }
                Thread.onSpinWait();
            }
        }
    }
}
