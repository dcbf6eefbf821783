package io.uxp.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.Connection;
import io.uxp.api.ConnectionHandler;
import io.uxp.api.SendResult;
import io.uxp.api.ServerHandler;
import io.uxp.runtime.ClientSecurity;
import io.uxp.runtime.ServerKeyPair;
import io.uxp.runtime.ServerSecurity;
import io.uxp.runtime.UxpClient;
import io.uxp.runtime.UxpServer;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Steady-state allocation of the receiving server's threads (receive thread and workers) per datagram, read from
 * the JVM's per-thread allocation counters around a bulk transfer after a warm-up. The figure is printed; the
 * bound leaves room for the JIT's rare allocations but fails if anything allocates per packet. The cipher is
 * pinned to Bouncy Castle's implementation: from JDK 21 {@code chacha20-poly1305} defaults to the JDK's cipher,
 * whose API allocates per packet (measured and bounded in uxp-crypto-chacha's ChaCha20Poly1305AllocationTest);
 * this test measures the runtime's own path.
 */
class HotPathAllocationTest {

    private static final int MESSAGE = 8_192;

    /** Pumps {@code total} bytes from the worker. */
    private static final class Pump implements ConnectionHandler {
        final byte[] message = new byte[MESSAGE];
        final long total;
        long sent;

        Pump(long total) {
            this.total = total;
        }

        @Override
        public void onReady(Connection c) {
            pump(c);
        }

        @Override
        public void onWritable(Connection c) {
            pump(c);
        }

        void pump(Connection c) {
            while (sent < total && c.send(ByteBuffer.wrap(message)) == SendResult.ACCEPTED) {
                sent += MESSAGE;
            }
        }

        @Override
        public void onData(Connection c, ByteBuffer data) {
        }
    }

    private static long allocated(com.sun.management.ThreadMXBean mx, String prefix) {
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix)) {
                sum += mx.getThreadAllocatedBytes(t.getId());
            }
        }
        return sum;
    }

    @Test
    void theReceivingServerAllocatesAlmostNothingPerDatagramInSteadyState() throws Exception {
        String backend = System.setProperty("uxp.chacha.backend", "bouncycastle");
        try {
            measure();
        } finally {
            if (backend == null) {
                System.clearProperty("uxp.chacha.backend");
            } else {
                System.setProperty("uxp.chacha.backend", backend);
            }
        }
    }

    private void measure() throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ServerKeyPair keys = ServerKeyPair.generate(new SecureRandom());
        AtomicLong received = new AtomicLong();
        CompletableFuture<Void> warm = new CompletableFuture<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        long warmUp = 16L << 20;
        long measured = 32L << 20;
        ServerHandler handler = connection -> (c, data) -> {
            long n = received.addAndGet(data.remaining());
            if (n >= warmUp) {
                warm.complete(null);
            }
            if (n >= warmUp + measured) {
                done.complete(null);
            }
        };
        try (UxpServer server = UxpServer.builder().bind(new InetSocketAddress("127.0.0.1", 0))
                .security(ServerSecurity.staticKey(keys)).handler(handler).workers(1).start();
             UxpClient client = UxpClient.builder().security(ClientSecurity.pinnedServerKey(keys.publicKey()))
                     .build()) {
            String prefix = "uxp-server-" + server.localAddress().getPort() + "-";
            Pump pump = new Pump(warmUp + measured);
            client.connect(server.localAddress(), pump).get(10, TimeUnit.SECONDS);
            warm.get(60, TimeUnit.SECONDS);
            long before = allocated(mx, prefix);
            long packetsBefore = server.stats().packetsIn();
            done.get(60, TimeUnit.SECONDS);
            long bytes = allocated(mx, prefix) - before;
            long packets = server.stats().packetsIn() - packetsBefore;
            double perPacket = (double) bytes / packets;
            System.out.printf("HotPathAllocationTest: %d bytes allocated by the server's threads over %d datagrams"
                    + " = %.2f bytes/datagram%n", bytes, packets, perPacket);
            assertThat(packets).isGreaterThan(10_000);
            assertThat(perPacket).isLessThan(64.0);
        }
        assertThat(Arrays.asList(warm.isDone(), done.isDone())).containsOnly(true);
    }
}
