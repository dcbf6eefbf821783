package io.uxp.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.uxp.api.Connection;
import io.uxp.api.DropReason;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many clients behind one address (carrier-grade NAT shares one public address among thousands of users): on a
 * server that is not under pressure, the per-address limits do not engage, so every client connects, none is
 * refused and none waits for a retransmission. Real UDP on loopback, default {@link HandshakeLimits}. The rate is
 * printed, not asserted: client and server share this process and the machine.
 */
class SharedAddressClientsTest {

    private static final int WARM_UP = 200;
    private static final int CLIENTS = 1_000;
    /** Handshakes in flight at once: clients arriving over time, as they do behind a NAT. */
    private static final int IN_FLIGHT = 64;

    @Test
    void aThousandClientsBehindOneAddressAllConnectToAnUnattackedServerWithTheDefaultLimits() throws Exception {
        Fixtures.Accepting accepting = new Fixtures.Accepting(Recorder::new);
        try (UxpServer server = Fixtures.server(accepting).start();
             UxpClient client = Fixtures.client().workers(2).build()) {
            // the JIT compiles the handshake first, so the figure below is the steady rate
            connectAll(client, server, WARM_UP);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long serverCpu = serverCpuNanos(threads, server);
            long start = System.nanoTime();

            connectAll(client, server, CLIENTS);

            long nanos = System.nanoTime() - start;
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> server.stats().handshakesCompleted() == WARM_UP + CLIENTS);
            serverCpu = serverCpuNanos(threads, server) - serverCpu;
            System.out.printf("SharedAddressClientsTest: %d clients from one address connected in %d ms: %.0f "
                    + "handshakes/s (client and server in one process on %d cores; server threads %.2f ms CPU per "
                    + "handshake)%n", CLIENTS, TimeUnit.NANOSECONDS.toMillis(nanos), CLIENTS * 1e9 / nanos,
                    Runtime.getRuntime().availableProcessors(), serverCpu / 1e6 / CLIENTS);

            ServerStats stats = server.stats();
            assertThat(stats.connections()).as("every client connected, none refused").isEqualTo(WARM_UP + CLIENTS);
            assertThat(stats.dropped(DropReason.HANDSHAKE_INVALID)).isZero();
            double rate = CLIENTS * 1e9 / nanos;
            if (rate < HandshakeLimits.defaults().pressureKeyExchangesPerSecond()) {
                // below the pressure rate (and far below 256 pending) the per-address limits never engage; a
                // machine fast enough to go above it puts the server under pressure, by design
                assertThat(stats.dropped(DropReason.HANDSHAKE_LIMITED)).as("none limited").isZero();
            }
        }
    }

    private static void connectAll(UxpClient client, UxpServer server, int n) throws Exception {
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<Connection>> connecting = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            assertThat(inFlight.tryAcquire(30, TimeUnit.SECONDS)).as("handshake %d could start", i).isTrue();
            CompletableFuture<Connection> f = client.connect(server.localAddress(), new Recorder());
            f.whenComplete((c, e) -> inFlight.release());
            connecting.add(f);
        }
        for (CompletableFuture<Connection> f : connecting) {
            // throws if any handshake failed
            f.get(30, TimeUnit.SECONDS);
        }
    }

    /** CPU time of the server's own threads (receive thread and workers), summed. */
    private static long serverCpuNanos(ThreadMXBean threads, UxpServer server) {
        String prefix = "uxp-server-" + server.localAddress().getPort() + "-";
        long sum = 0;
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith(prefix)) {
                sum += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
            }
        }
        return sum;
    }
}
