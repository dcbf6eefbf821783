package io.uxp.runtime.session;

import io.uxp.api.CloseCause;
import io.uxp.api.Connection;
import io.uxp.api.ConnectionHandler;
import io.uxp.api.spi.ProviderRegistry;
import io.uxp.runtime.ClientSecurity;
import io.uxp.runtime.ConnectionSettings;
import io.uxp.runtime.HandshakeLimits;
import io.uxp.runtime.KeyUpdatePolicy;
import io.uxp.runtime.ProviderPreferences;
import io.uxp.runtime.handshake.ClientHandshake;
import io.uxp.runtime.io.DatagramSender;
import io.uxp.runtime.io.SlotPool;
import io.uxp.runtime.worker.Worker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's machinery behind {@link io.uxp.runtime.UxpClient}: {@code workers} workers, and one
 * {@link ClientDriver} per connection, whose socket its worker reads itself. Thread-safe.
 */
public final class ClientEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(ClientEndpoint.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /**
     * Everything the builder collected.
     *
     * @param security how the server is authenticated
     * @param preferences allow-lists
     * @param registry providers
     * @param settings per-connection settings
     * @param handshakeLimits handshake timers
     * @param keyUpdatePolicy key limits
     * @param workers worker threads
     */
    public record Config(ClientSecurity security, ProviderPreferences preferences, ProviderRegistry registry,
            ConnectionSettings settings, HandshakeLimits handshakeLimits, KeyUpdatePolicy keyUpdatePolicy,
            int workers) {
    }

    private final Config config;
    private final Worker[] workers;
    private final DatagramSender[] senders;
    private final SlotPool pool;
    private final Set<ClientDriver> drivers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger next = new AtomicInteger();
    private final EndpointEnvironment environment;
    private final SecureRandom random;
    private volatile boolean closing;

    private ClientEndpoint(Config config, EndpointEnvironment environment) {
        this.config = config;
        this.environment = environment;
        this.random = environment.random();
        int id = INSTANCES.incrementAndGet();
        int n = config.workers();
        this.workers = new Worker[n];
        this.senders = new DatagramSender[n];
        for (int i = 0; i < n; i++) {
            workers[i] = environment.worker("uxp-client-" + id + "-worker-" + i, ServerEndpoint.WORKER_QUEUE);
            senders[i] = new DatagramSender(ServerEndpoint.MAX_DATAGRAM_BYTES);
        }
        this.pool = new SlotPool(n * ServerEndpoint.WORKER_QUEUE + 256,
                Math.max(config.settings().mtuBytes(), 1_472) + 64);
    }

    /**
     * @param config the configuration
     * @return a started endpoint
     */
    public static ClientEndpoint start(Config config) {
        return start(config, EndpointEnvironment.SYSTEM);
    }

    /**
     * @param config the configuration
     * @param environment the clock, threads and sockets to run on
     * @return a started endpoint
     */
    public static ClientEndpoint start(Config config, EndpointEnvironment environment) {
        // providers with out-of-range sizes were left out of the registry: say so once, naming each
        config.registry().refused().forEach(r -> LOG.warn("{}", r));
        return new ClientEndpoint(config, environment);
    }

    ConnectionSettings settings() {
        return config.settings();
    }

    ProviderRegistry registry() {
        return config.registry();
    }

    /**
     * @param adopted the caller's channel, or {@code null} for a new one on an ephemeral port
     * @param server the server's address
     * @param handler the connection's events
     * @return completes when the connection is ready
     */
    public CompletableFuture<Connection> connect(DatagramChannel adopted, InetSocketAddress server,
            ConnectionHandler handler) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(handler, "handler");
        CompletableFuture<Connection> future = new CompletableFuture<>();
        if (closing) {
            future.completeExceptionally(new IllegalStateException("the client is closed"));
            return future;
        }
        if (server.isUnresolved()) {
            future.completeExceptionally(new IllegalArgumentException("cannot resolve the server's host name: "
                    + server.getHostString()));
            return future;
        }
        EndpointSocket socket = adopted != null ? new ChannelSocket(adopted) : null;
        try {
            if (socket == null) {
                socket = environment.openClient(server);
            }
            int index = Math.floorMod(next.getAndIncrement(), workers.length);
            ClientHandshake handshake = new ClientHandshake(config.security(), config.registry(),
                    config.preferences(), config.handshakeLimits(), config.keyUpdatePolicy(), random);
            ClientDriver driver = new ClientDriver(this, workers[index], socket.sender(senders[index]), socket,
                    server, handler, handshake, future);
            drivers.add(driver);
            // the connection's worker reads its socket itself: no receive thread, no hand-off per datagram
            socket.readOn(workers[index], driver, pool, index);
            driver.begin();
        } catch (IOException | RuntimeException e) {
            if (socket != null && adopted == null) {
                socket.close();
            }
            future.completeExceptionally(e instanceof IOException ? e
                    : new IOException("cannot open a socket for the connection: " + e, e));
        }
        return future;
    }

    void unregister(ClientDriver driver, EndpointSocket socket) {
        drivers.remove(driver);
        socket.stopReading(driver.worker());
    }

    /** Closes every connection gracefully (bounded), abandons handshakes, then stops the threads. */
    public void close() {
        if (closing) {
            return;
        }
        for (Worker w : workers) {
            if (w.inWorker()) {
                // called from a handler: waiting here would block the very worker that must run the closes
                Thread t = new Thread(this::close, "uxp-client-close");
                t.setDaemon(true);
                t.start();
                return;
            }
        }
        CompletableFuture<Void> all = beginClose();
        long bound = config.settings().closeFlushTimeoutMillis() + 2_000;
        try {
            all.get(bound, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("UXP client: connections did not close within {} ms", bound);
        }
        finishClose();
    }

    /**
     * The first half of {@link #close}: closes every connection and abandons handshakes, without waiting.
     *
     * @return completes once every connection has closed
     */
    public CompletableFuture<Void> beginClose() {
        closing = true;
        List<CompletableFuture<CloseCause>> waits = new ArrayList<>();
        for (ClientDriver d : List.copyOf(drivers)) {
            UxpConnection c = d.connection();
            if (c != null) {
                waits.add(c.closed().toCompletableFuture());
                c.close();
            } else {
                d.abandon();
            }
        }
        return CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new));
    }

    /** The second half of {@link #close}: stops the workers. */
    public void finishClose() {
        for (Worker w : workers) {
            w.close();
        }
    }
}
