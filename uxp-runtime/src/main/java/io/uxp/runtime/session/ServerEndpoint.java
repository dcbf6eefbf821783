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
import io.uxp.runtime.handshake.ServerHandshake;
import io.uxp.runtime.handshake.Session;
import io.uxp.runtime.io.Clock;
import io.uxp.runtime.io.DatagramSender;
import io.uxp.runtime.io.DatagramSlot;
import io.uxp.runtime.io.Inbound;
import io.uxp.runtime.io.ReceiveLoop;
import io.uxp.runtime.io.SlotPool;
import io.uxp.runtime.record.RecordHeader;
import io.uxp.runtime.StatusEndpointOptions;
import io.uxp.runtime.status.StatusEndpoint;
import io.uxp.runtime.worker.Worker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's machinery behind {@link io.uxp.runtime.UxpServer}: the socket and its receive thread, the
 * workers, the connection table, the handshake {@link Acceptor} (on worker 0) and the status endpoint.
 * The receive thread routes a record by its destination connection ID to the owning worker; everything else
 * goes to the acceptor. Thread-safe.
 */
public final class ServerEndpoint implements ConnectionOwner, Inbound {

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
     * @param maxConnections connection cap
     * @param statusLogging server-wide status line every 5 s
     * @param statusEndpoint HTTP status endpoint options, or null for none
     */
    public record Config(InetSocketAddress bind, DatagramChannel channel, ServerHandler handler,
            ServerSecurity security, ProviderPreferences preferences, ProviderRegistry registry,
            ConnectionSettings settings, HandshakeLimits handshakeLimits, KeyUpdatePolicy keyUpdatePolicy,
            int workers, int maxConnections, boolean statusLogging, StatusEndpointOptions statusEndpoint) {
    }

    private final Config config;
    private final DatagramChannel channel;
    private final InetSocketAddress localAddress;
    private final Worker[] workers;
    private final DatagramSender[] senders;
    private final SlotPool pool;
    private final ReceiveLoop receiveLoop;
    private final ConnectionTable<UxpConnection> table = new ConnectionTable<>(UxpConnection::id);
    private final Acceptor acceptor;
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final AtomicLongArray drops = new AtomicLongArray(DropReason.values().length);
    private final long[] retired = new long[4];
    private final CompletableFuture<Void> closedFuture = new CompletableFuture<>();
    private final CompletableFuture<Void> allClosed = new CompletableFuture<>();
    private volatile boolean closing;
    private StatusEndpoint statusEndpoint;
    private long packetsIn;
    private long bytesIn;

    private ServerEndpoint(Config config, DatagramChannel channel) throws IOException {
        this.config = config;
        this.channel = channel;
        this.localAddress = (InetSocketAddress) channel.getLocalAddress();
        Clock clock = Clock.MONOTONIC;
        int n = config.workers();
        this.workers = new Worker[n];
        this.senders = new DatagramSender[n];
        for (int i = 0; i < n; i++) {
            workers[i] = new Worker("uxp-server-" + localAddress.getPort() + "-worker-" + i, clock, WORKER_QUEUE);
            senders[i] = new DatagramSender(MAX_DATAGRAM_BYTES);
        }
        ServerHandshake handshake = new ServerHandshake(config.security(), config.registry(), config.preferences(),
                config.handshakeLimits(), config.keyUpdatePolicy(), new SecureRandom(), clock.nowMillis());
        this.acceptor = new Acceptor(this, handshake, workers[0], senders[0]);
        this.pool = new SlotPool(n * WORKER_QUEUE + 256, Math.min(MAX_DATAGRAM_BYTES,
                Math.max(config.settings().mtuBytes(), 1_472) + 64));
        this.receiveLoop = new ReceiveLoop("uxp-server-" + localAddress.getPort() + "-receive", pool,
                MAX_DATAGRAM_BYTES);
    }

    /**
     * @param config the configuration
     * @return a started endpoint
     * @throws IOException if the socket cannot be bound or the status endpoint cannot listen
     */
    public static ServerEndpoint start(Config config) throws IOException {
        // providers with out-of-range sizes were left out of the registry: say so once, naming each
        config.registry().refused().forEach(r -> LOG.warn("{}", r));
        DatagramChannel channel = config.channel();
        if (channel == null) {
            channel = DatagramChannel.open();
            channel.bind(config.bind());
        } else if (channel.getLocalAddress() == null) {
            throw new IllegalStateException("an adopted server channel must be bound; call channel.bind(address)");
        }
        ServerEndpoint e = new ServerEndpoint(config, channel);
        try {
            e.receiveLoop.register(channel, e);
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
        LOG.debug("UXP server listening on {} with {} workers", e.localAddress, config.workers());
        return e;
    }

    // ---- receive thread ----

    @Override
    public void onReceived(DatagramSlot slot) {
        packetsIn++;
        bytesIn += slot.length;
        Worker w;
        if (slot.length >= RecordHeader.LENGTH && RecordHeader.isProtected(slot.data[0])) {
            UxpConnection c = table.get(RecordHeader.connectionId(slot.data, 0));
            if (c != null) {
                slot.target = c;
                w = c.worker();
            } else {
                slot.target = acceptor;
                w = workers[0];
            }
        } else {
            slot.target = acceptor;
            w = workers[0];
        }
        if (!w.offer(slot)) {
            countDrop(DropReason.QUEUE_FULL);
            slot.release();
        }
    }

    @Override
    public void onNoSlot() {
        packetsIn++;
        countDrop(DropReason.QUEUE_FULL);
    }

    @Override
    public void onChannelError(Exception error) {
        if (!closing) {
            LOG.error("UXP server socket {} failed; the server stops receiving: {}", localAddress, error.toString());
        }
    }

    // ---- acceptor (worker 0) ----

    /**
     * Makes a connection of a completed handshake. Its validated address is the ClientHello's source, where the
     * ServerHello went (the client's first record proves it was received), never the first record's source:
     * a copy of that record sent ahead of it from elsewhere proves nothing about its source, which then
     * becomes a candidate like any other new address (docs/PROTOCOL.md section 9.1).
     */
    void adopt(Session session, InetSocketAddress helloAddress, InetSocketAddress firstSource, int firstBytes,
            byte[] firstPlaintext, long now) {
        long id = session.localConnectionId();
        int index = Math.floorMod(ConnectionTable.mix(id), workers.length);
        UxpConnection c;
        try {
            c = new UxpConnection(workers[index], this, session, (int) id, config.settings(),
                    config.registry(), channel, senders[index], helloAddress, false, now);
        } catch (ProviderFailure e) {
            // the client's keepalives then go unanswered and it closes on its idle timeout
            LOG.warn("connection {} from {} not opened: {}", Long.toUnsignedString(id), helloAddress, e.getMessage(),
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

    DatagramChannel channel() {
        return channel;
    }

    boolean isClosing() {
        return closing;
    }

    boolean statusLogging() {
        return config.statusLogging();
    }

    void countDrop(DropReason reason) {
        drops.incrementAndGet(reason.ordinal());
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
        ConnectionCounters k = connection.counters();
        synchronized (retired) {
            retired[0] += k.packetsOut;
            retired[1] += k.bytesOut;
            for (DropReason r : DropReason.values()) {
                drops.addAndGet(r.ordinal(), k.drops[r.ordinal()]);
            }
        }
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
        long packetsOut = acceptor.repliesSent();
        long bytesOut = acceptor.replyBytes();
        Map<DropReason, Long> d = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            d.merge(r, drops.get(r.ordinal()) + acceptor.drops(r), Long::sum);
        }
        for (UxpConnection c : table.values()) {
            ConnectionCounters k = c.counters();
            packetsOut += k.packetsOut;
            bytesOut += k.bytesOut;
            for (DropReason r : DropReason.values()) {
                d.merge(r, k.drops[r.ordinal()], Long::sum);
            }
        }
        synchronized (retired) {
            packetsOut += retired[0];
            bytesOut += retired[1];
        }
        d.values().removeIf(v -> v == 0);
        return new ServerStats(connectionCount.get(), acceptor.pending(), acceptor.handshakesCompleted(),
                acceptor.handshakesFailed(), packetsIn, packetsOut, bytesIn, bytesOut, d);
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
        synchronized (this) {
            if (closing) {
                closedFuture.join();
                return;
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
        try {
            allClosed.get(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("UXP server {}: {} connections did not close within {} ms (a blocked handler?)", localAddress,
                    connectionCount.get(), CLOSE_WAIT_MILLIS);
        }
        try {
            config.handler().onServerClosed();
        } catch (RuntimeException e) {
            LOG.warn("the server handler's onServerClosed threw", e);
        }
        if (statusEndpoint != null) {
            statusEndpoint.close();
        }
        receiveLoop.close();
        for (Worker w : workers) {
            w.close();
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing the server socket: {}", e.toString());
        }
        closedFuture.complete(null);
    }

    /** @return completes once closed */
    public CompletionStage<Void> closed() {
        return closedFuture;
    }
}
