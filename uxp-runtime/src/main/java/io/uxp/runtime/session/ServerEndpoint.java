package io.uxp.runtime.session;

import io.uxp.api.CloseCause;
import io.uxp.api.Connection;
import io.uxp.api.ConnectionHandler;
import io.uxp.api.DropReason;
import io.uxp.api.ServerHandler;
import io.uxp.api.spi.ProviderRegistry;
import io.uxp.runtime.ConnectionSettings;
import io.uxp.runtime.HandshakeLimits;
import io.uxp.runtime.KeyUpdatePolicy;
import io.uxp.runtime.ProviderPreferences;
import io.uxp.runtime.ServerSecurity;
import io.uxp.runtime.ServerStats;
import io.uxp.runtime.StatusEndpointOptions;
import io.uxp.runtime.handshake.ServerHandshake;
import io.uxp.runtime.handshake.Session;
import io.uxp.runtime.io.Clock;
import io.uxp.runtime.io.DatagramOut;
import io.uxp.runtime.io.DatagramSender;
import io.uxp.runtime.io.DatagramSlot;
import io.uxp.runtime.io.ReceiveLoop;
import io.uxp.runtime.io.SlotPool;
import io.uxp.runtime.status.StatusEndpoint;
import io.uxp.runtime.worker.Worker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's machinery behind {@link io.uxp.runtime.UxpServer}: the sockets (one {@code SO_REUSEPORT}
 * socket per worker, each read by its worker, or one socket read by a receive thread), the workers, the
 * connection table, the handshake {@link Acceptor} (on worker 0) and the status endpoint. Whoever reads a
 * datagram routes a record by its destination connection ID to the owning worker (usually itself); everything
 * else goes to the acceptor ({@link ServerRouter}). Thread-safe.
 */
public final class ServerEndpoint implements ConnectionOwner {

    private static final Logger LOG = LoggerFactory.getLogger(ServerEndpoint.class);
    /** Largest datagram read: the largest UDP payload over IPv4 (65,535 - 20 - 8). */
    static final int MAX_DATAGRAM_BYTES = 65_507;
    /** Datagrams each worker's inbound queue holds; beyond, datagrams are dropped as QUEUE_FULL. */
    static final int WORKER_QUEUE = 4_096;
    /** How long close() waits for every connection's events, in milliseconds. */
    private static final long CLOSE_WAIT_MILLIS = 5_000;
    /** ClientHello type byte (docs/PROTOCOL.md section 2), refused with a Reject when the connection cap is reached. */
    static final byte CLIENT_HELLO = 0x01;

    /**
     * Everything the builder collected.
     *
     * @param bind where to bind, or null when adopting
     * @param channel the adopted channel, or null when binding
     * @param handler the server's events
     * @param security keys
     * @param preferences allow-lists
     * @param registry providers
     * @param settings per-connection settings
     * @param handshakeLimits handshake defences
     * @param keyUpdatePolicy key limits
     * @param workers worker threads
     * @param receiveSockets {@code SO_REUSEPORT} sockets read by workers; 0 for one per worker where possible,
     *     1 for one socket read by a receive thread
     * @param maxConnections connection cap
     * @param statusLogging server-wide status line every 5 s
     * @param statusEndpoint HTTP status endpoint options, or null for none
     */
    public record Config(InetSocketAddress bind, DatagramChannel channel, ServerHandler handler,
            ServerSecurity security, ProviderPreferences preferences, ProviderRegistry registry,
            ConnectionSettings settings, HandshakeLimits handshakeLimits, KeyUpdatePolicy keyUpdatePolicy,
            int workers, int receiveSockets, int maxConnections, boolean statusLogging,
            StatusEndpointOptions statusEndpoint) {
    }

    private final Config config;
    /** The first socket (the only one with a receive thread); handshake replies leave from it. */
    private final EndpointSocket channel;
    /** The sockets workers read, {@code channels[i]} by worker i; empty when the receive thread reads. */
    private final EndpointSocket[] channels;
    /** How worker i sends: from its own socket, or from the one socket. */
    private final DatagramOut[] outs;
    private final InetSocketAddress localAddress;
    private final Worker[] workers;
    private final DatagramSender[] senders;
    private final SlotPool pool;
    /** Reads {@link #channel} when no worker does; null otherwise. */
    private final ReceiveLoop receiveLoop;
    private final ConnectionTable<UxpConnection> table = new ConnectionTable<>(UxpConnection::id);
    private final Acceptor acceptor;
    /** Where the socket readers send each datagram. */
    private final ServerRouter router;
    private final ServerCounters counters = new ServerCounters();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final CompletableFuture<Void> closedFuture = new CompletableFuture<>();
    private final CompletableFuture<Void> allClosed = new CompletableFuture<>();
    private volatile boolean closing;
    private StatusEndpoint statusEndpoint;

    private ServerEndpoint(Config config, EndpointSocket[] bound, EndpointEnvironment environment)
            throws IOException {
        this.config = config;
        this.channel = bound[0];
        // one worker reads its one socket itself: a receive thread would only add a hand-off (a handler that blocks
        // the only worker stops everything either way); several workers and one socket keep the receive thread
        boolean readByWorkers = bound.length > 1 || (config.workers() == 1 && config.receiveSockets() != 1);
        this.channels = readByWorkers ? bound : new EndpointSocket[0];
        this.localAddress = channel.localAddress();
        Clock clock = environment.clock();
        int n = config.workers();
        this.workers = new Worker[n];
        this.senders = new DatagramSender[n];
        this.outs = new DatagramOut[n];
        for (int i = 0; i < n; i++) {
            workers[i] = environment.worker("uxp-server-" + localAddress.getPort() + "-worker-" + i, WORKER_QUEUE);
            senders[i] = new DatagramSender(MAX_DATAGRAM_BYTES);
            outs[i] = (readByWorkers ? channels[i] : channel).sender(senders[i]);
        }
        ServerHandshake handshake = new ServerHandshake(config.security(), config.registry(), config.preferences(),
                config.handshakeLimits(), config.keyUpdatePolicy(), environment.random(), clock.nowMillis());
        this.acceptor = new Acceptor(this, handshake, workers[0], outs[0]);
        this.router = new ServerRouter(this, table, acceptor, workers[0], counters);
        this.pool = new SlotPool(n * WORKER_QUEUE + 256, Math.min(MAX_DATAGRAM_BYTES,
                Math.max(config.settings().mtuBytes(), 1_472) + 64));
        this.receiveLoop = channels.length > 0 ? null
                : new ReceiveLoop("uxp-server-" + localAddress.getPort() + "-receive", pool, MAX_DATAGRAM_BYTES);
    }

    /**
     * @param config the configuration
     * @return a started endpoint
     * @throws IOException if the socket cannot be bound or the status endpoint cannot listen
     */
    public static ServerEndpoint start(Config config) throws IOException {
        return start(config, EndpointEnvironment.SYSTEM);
    }

    /**
     * @param config the configuration
     * @param environment the clock, threads and sockets to run on
     * @return a started endpoint
     * @throws IOException if the socket cannot be bound or the status endpoint cannot listen
     */
    public static ServerEndpoint start(Config config, EndpointEnvironment environment) throws IOException {
        // providers with out-of-range sizes were left out of the registry: say so once, naming each
        config.registry().refused().forEach(r -> LOG.warn("{}", r));
        EndpointSocket[] bound;
        if (config.channel() == null) {
            bound = environment.bindServer(config.bind(), config.receiveSockets() == 0 ? config.workers()
                    : config.receiveSockets());
        } else if (config.channel().getLocalAddress() == null) {
            throw new IllegalStateException("an adopted server channel must be bound; call channel.bind(address)");
        } else {
            bound = new EndpointSocket[] {new ChannelSocket(config.channel())};
        }
        ServerEndpoint e = new ServerEndpoint(config, bound, environment);
        try {
            if (e.receiveLoop != null) {
                e.channel.readOn(e.receiveLoop, e.router);
            }
            for (int i = 0; i < e.channels.length; i++) {
                e.channels[i].readOn(e.workers[i], e.router, e.pool, i);
            }
            e.acceptor.start();
            if (config.statusEndpoint() != null) {
                StatusEndpointOptions options = config.statusEndpoint();
                e.statusEndpoint = StatusEndpoint.start(options, e::stats, e::connections);
                if (!options.loopbackOnly() && options.token().isEmpty()) {
                    LOG.warn("the status endpoint at {} is reachable from other hosts and asks for no token: anyone "
                            + "who can reach it reads the server's counters and connection IDs", options.address());
                }
            }
        } catch (IOException | RuntimeException ex) {
            e.close();
            throw ex;
        }
        LOG.debug("UXP server listening on {} with {} workers, {}", e.localAddress, config.workers(),
                e.channels.length > 0 ? e.channels.length + " socket(s) read by the workers"
                        : "one socket read by a receive thread");
        return e;
    }

    // ---- acceptor (worker 0) ----

    /**
     * Makes a connection of a completed handshake. Its validated address is the ClientHello's source, where the
     * ServerHello went (the client's first record proves it was received), never the first record's source:
     * a copy of that record sent ahead of it from elsewhere proves nothing about its source, which then
     * becomes a candidate like any other new address (docs/PROTOCOL.md section 9.1). With sockets read by
     * workers, the connection lives on the worker whose socket the first record came in on (the kernel sends
     * the client's later datagrams there too) and sends from that socket; else on a worker by its ID.
     *
     * @param via the socket the first record arrived on ({@link DatagramSlot#via})
     */
    void adopt(Session session, InetSocketAddress helloAddress, InetSocketAddress firstSource, int firstBytes,
            byte[] firstPlaintext, int via, long now) {
        long id = session.localConnectionId();
        int index = channels.length > 0 ? via : Math.floorMod(ConnectionTable.mix(id), workers.length);
        UxpConnection c;
        try {
            c = new UxpConnection(workers[index], this, session, (int) id, config.settings(),
                    config.registry(), outs[index], helloAddress, false, now);
        } catch (ProviderFailure e) {
            // the client's keepalives then go unanswered and it closes on its idle timeout
            LOG.warn("connection {} from {} not opened: {}", io.uxp.runtime.status.StatusFormat.connectionId(id), helloAddress, e.getMessage(),
                    e.getCause());
            return;
        }
        connectionCount.incrementAndGet();
        table.put(id, c);
        c.start(firstPlaintext, firstSource, firstBytes);
        if (closing) {
            // close() may have swept this worker already: close the late arrival like the others
            workers[index].execute(c::serverClose);
        }
    }

    /**
     * Whether a new handshake would exceed the connection cap: open connections plus handshakes that may still
     * complete. Called on the acceptor's worker, where it is exact.
     */
    boolean atConnectionLimit() {
        return connectionCount.get() + acceptor.pending() >= config.maxConnections();
    }

    String limitMessage() {
        return "the server has reached its limit of " + config.maxConnections()
                + " connections (UxpServer.Builder.maxConnections); try again later";
    }

    ConnectionTable<UxpConnection> table() {
        return table;
    }

    boolean isClosing() {
        return closing;
    }

    boolean statusLogging() {
        return config.statusLogging();
    }

    void countDrop(DropReason reason) {
        counters.drop(reason);
    }

    // ---- connection events (the connection's worker) ----

    @Override
    public ConnectionHandler opened(UxpConnection connection) {
        return Objects.requireNonNull(config.handler().onConnectionOpened(connection),
                "ServerHandler.onConnectionOpened returned null; return a ConnectionHandler");
    }

    @Override
    public void ready(UxpConnection connection) {
        // nothing: the server learns of a connection in opened()
    }

    @Override
    public void closed(UxpConnection connection, CloseCause cause) {
        table.remove(connection.id());
        counters.retire(connection.counters());
        try {
            config.handler().onConnectionClosed(connection, cause);
        } catch (RuntimeException e) {
            LOG.warn("the server handler's onConnectionClosed threw", e);
        }
        if (connectionCount.decrementAndGet() == 0 && closing) {
            allClosed.complete(null);
        }
    }

    // ---- public operations ----

    /** @return the bound address */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** @return the status endpoint's address, if one listens */
    public Optional<InetSocketAddress> statusEndpointAddress() {
        return Optional.ofNullable(statusEndpoint).map(StatusEndpoint::address);
    }

    /** @return the open connections */
    public List<Connection> connections() {
        return List.copyOf(table.values());
    }

    /** @return server-wide counters (read racily from the threads that own them; for monitoring) */
    public ServerStats stats() {
        return counters.snapshot(connectionCount.get(), acceptor, table.values());
    }

    /**
     * Closes every connection (SERVER_CLOSED), fires onServerClosed on this thread, then stops everything. Called
     * from one of the server's own handlers, it does the same on a new thread and returns at once.
     */
    public void close() {
        for (Worker w : workers) {
            if (w.inWorker()) {
                // called from a handler: waiting here would block the very worker that must run the closes
                Thread t = new Thread(this::close, "uxp-server-" + localAddress.getPort() + "-close");
                t.setDaemon(true);
                t.start();
                return;
            }
        }
        CompletableFuture<Void> all = beginClose();
        if (all == null) {
            closedFuture.join();
            return;
        }
        try {
            all.get(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("UXP server {}: {} connections did not close within {} ms (a blocked handler?)", localAddress,
                    connectionCount.get(), CLOSE_WAIT_MILLIS);
        }
        finishClose();
    }

    /**
     * The first half of {@link #close}: closes every connection (SERVER_CLOSED) on its worker, without waiting.
     *
     * @return completes once every connection has closed; {@code null} if a close had begun already
     */
    public CompletableFuture<Void> beginClose() {
        synchronized (this) {
            if (closing) {
                return null;
            }
            closing = true;
        }
        if (connectionCount.get() == 0) {
            allClosed.complete(null);
        }
        for (Worker w : workers) {
            w.execute(() -> {
                for (UxpConnection c : table.values()) {
                    if (c.worker() == w) {
                        c.serverClose();
                    }
                }
            });
        }
        return allClosed;
    }

    /** The second half of {@link #close}: fires onServerClosed, stops the threads and closes the sockets. */
    public void finishClose() {
        try {
            config.handler().onServerClosed();
        } catch (RuntimeException e) {
            LOG.warn("the server handler's onServerClosed threw", e);
        }
        if (statusEndpoint != null) {
            statusEndpoint.close();
        }
        if (receiveLoop != null) {
            receiveLoop.close();
        }
        for (Worker w : workers) {
            w.close();
        }
        for (EndpointSocket c : channels.length > 0 ? channels : new EndpointSocket[] {channel}) {
            c.close();
        }
        closedFuture.complete(null);
    }

    /** @return completes once closed */
    public CompletionStage<Void> closed() {
        return closedFuture;
    }
}
