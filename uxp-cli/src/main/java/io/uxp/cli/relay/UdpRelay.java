package io.uxp.cli.relay;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A UDP impairment relay between any number of clients and one upstream (a server). Each client address
 * gets its own upstream socket, so the server sees one peer per client and its answers find their way
 * back. Both directions pass through an {@link Impairment}. Optionally it rebinds, as a NAT that gives its
 * mappings new ports: every rebind period each client's upstream socket is replaced by one on a new port, so the
 * server sees the same client come from a new address (UXP's server validates it and follows).
 *
 * <p>Threads: one I/O thread selects over the listening socket and the upstream sockets and forwards
 * undelayed datagrams at once; delayed ones wait in a {@link DelayQueue} that one timer thread drains. Both
 * are daemon threads; {@link #close()} stops them. Memory is bounded: at most {@link #MAX_CLIENTS} clients
 * and {@link #MAX_PENDING} delayed datagrams (beyond that a datagram is dropped and counted as overflow).
 * This is a test tool: it copies every datagram.
 */
public final class UdpRelay implements AutoCloseable {

    /** Most client addresses served (one socket each, so well below the usual 1,024 open files); later ones are ignored. */
    public static final int MAX_CLIENTS = 256;
    /** Most datagrams waiting in the delay queue. */
    public static final int MAX_PENDING = 1 << 16;
    /** Largest UDP payload (RFC 768 length field, minus the IPv4 and UDP headers). */
    private static final int MAX_DATAGRAM = 65_507;
    /** Bound on the I/O thread's wait so {@link #close()} is seen promptly even without traffic. */
    private static final long SELECT_TIMEOUT_MILLIS = 200;
    /** Bound on waiting for each thread to stop. */
    private static final long JOIN_MILLIS = 2_000;
    /** Second seed of a relay, for the upstream-to-client direction (any constant differing from zero). */
    private static final long DOWNSTREAM_SEED_MIX = 0x9E3779B97F4A7C15L;

    private static final Logger LOG = LoggerFactory.getLogger(UdpRelay.class);

    private final InetSocketAddress upstream;
    /** Socket buffers asked for, in bytes (see {@link #enlargeBuffers}). */
    private static final int SOCKET_BUFFER_BYTES = 4 << 20;
    private final DatagramChannel listener;
    private final Selector selector;
    private final Impairment toUpstream;
    private final Impairment toClients;
    private final Map<SocketAddress, DatagramChannel> upstreamByClient = new ConcurrentHashMap<>();
    private final DelayQueue<Pending> pending = new DelayQueue<>();
    private final AtomicLong overflow = new AtomicLong();
    private final AtomicLong rebinds = new AtomicLong();
    /** The rebind period in nanoseconds, 0 for never. */
    private final long rebindNanos;
    private long nextRebindNanos;
    private volatile boolean rebindRequested;
    private final Thread ioThread;
    private final Thread timerThread;
    private volatile boolean running = true;

    private UdpRelay(InetSocketAddress listen, InetSocketAddress upstream, ImpairmentSpec spec, long seed,
            Duration rebindEvery) throws IOException {
        this.upstream = upstream;
        this.rebindNanos = rebindEvery == null ? 0 : rebindEvery.toNanos();
        if (rebindNanos < 0) {
            throw new IllegalArgumentException("the rebind period must be positive, got " + rebindEvery);
        }
        this.selector = Selector.open();
        this.listener = DatagramChannel.open(family(listen));
        enlargeBuffers(listener);
        listener.bind(listen);
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_READ, null);
        this.toUpstream = new Impairment(spec, seed, new DirectionStats("client->upstream"));
        this.toClients = new Impairment(spec, seed ^ DOWNSTREAM_SEED_MIX, new DirectionStats("upstream->client"));
        this.ioThread = new Thread(this::ioLoop, "uxp-relay-io");
        this.timerThread = new Thread(this::timerLoop, "uxp-relay-timer");
        ioThread.setDaemon(true);
        timerThread.setDaemon(true);
    }

    /**
     * Binds and starts a relay.
     *
     * @param listen where clients send to (port 0 picks a free port; see {@link #listenAddress()})
     * @param upstream where their datagrams go
     * @param spec the impairment, applied to both directions independently
     * @param seed the random seed; the same seed gives the same decisions for the same traffic
     * @return the running relay
     * @throws IOException if the listening socket cannot be bound
     */
    public static UdpRelay start(InetSocketAddress listen, InetSocketAddress upstream, ImpairmentSpec spec,
            long seed) throws IOException {
        return start(listen, upstream, spec, seed, null);
    }

    /**
     * Binds and starts a relay that also rebinds every client's upstream socket to a new port periodically.
     *
     * @param listen where clients send to (port 0 picks a free port; see {@link #listenAddress()})
     * @param upstream where their datagrams go
     * @param spec the impairment, applied to both directions independently
     * @param seed the random seed
     * @param rebindEvery the period of the rebinds, the first one a period after the start; {@code null} or
     *     zero for never
     * @return the running relay
     * @throws IOException if the listening socket cannot be bound
     */
    public static UdpRelay start(InetSocketAddress listen, InetSocketAddress upstream, ImpairmentSpec spec,
            long seed, Duration rebindEvery) throws IOException {
        UdpRelay relay = new UdpRelay(listen, upstream, spec, seed, rebindEvery);
        relay.nextRebindNanos = System.nanoTime() + relay.rebindNanos;
        relay.ioThread.start();
        relay.timerThread.start();
        return relay;
    }

    /** @return the bound listening address */
    public InetSocketAddress listenAddress() {
        try {
            return (InetSocketAddress) listener.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("relay socket is closed", e);
        }
    }

    /** @return what happened to datagrams from clients to the upstream */
    public DirectionStats toUpstream() {
        return toUpstream.stats();
    }

    /** @return what happened to datagrams from the upstream to clients */
    public DirectionStats toClients() {
        return toClients.stats();
    }

    /** @return datagrams dropped because the delay queue was full */
    public long overflow() {
        return overflow.get();
    }

    /** Moves every client's upstream socket to a new port now (on the relay's thread, shortly). */
    public void rebindNow() {
        rebindRequested = true;
        selector.wakeup();
    }

    /** @return how many times the relay moved its clients' upstream sockets to new ports */
    public long rebinds() {
        return rebinds.get();
    }

    /** @return one line per direction, plus the overflow count and the rebinds if any */
    public String report() {
        String lines = toUpstream.stats() + System.lineSeparator() + toClients.stats();
        if (overflow() != 0) {
            lines += System.lineSeparator() + "delay queue overflow: " + overflow();
        }
        return rebinds() == 0 && rebindNanos == 0 ? lines
                : lines + System.lineSeparator() + "upstream rebinds: " + rebinds();
    }

    private void ioLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
        long[] delays = new long[Impairment.MAX_COPIES];
        try {
            while (running) {
                selector.select(selectTimeoutMillis());
                if (rebindNanos > 0 && System.nanoTime() - nextRebindNanos >= 0) {
                    nextRebindNanos += rebindNanos;
                    rebindRequested = true;
                }
                if (rebindRequested) {
                    rebindRequested = false;
                    rebind();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    if (!key.isValid()) {
                        // an upstream socket the rebind above just closed
                        continue;
                    }
                    DatagramChannel channel = (DatagramChannel) key.channel();
                    SocketAddress client = (SocketAddress) key.attachment();
                    drain(channel, client, buffer, delays);
                }
                selector.selectedKeys().clear();
            }
        } catch (ClosedSelectorException | IOException e) {
            if (running) {
                LOG.warn("relay stopped: {}", e.toString());
            }
        }
    }

    private void drain(DatagramChannel channel, SocketAddress client, ByteBuffer buffer, long[] delays)
            throws IOException {
        while (true) {
            buffer.clear();
            SocketAddress from = channel.receive(buffer);
            if (from == null) {
                return;
            }
            buffer.flip();
            byte[] data = new byte[buffer.remaining()];
            buffer.get(data);
            if (client == null) {
                DatagramChannel out = upstreamFor(from);
                if (out != null) {
                    relay(toUpstream, data, out, upstream, delays);
                }
            } else {
                relay(toClients, data, listener, client, delays);
            }
        }
    }

    private long selectTimeoutMillis() {
        if (rebindNanos == 0) {
            return SELECT_TIMEOUT_MILLIS;
        }
        long untilRebind = TimeUnit.NANOSECONDS.toMillis(nextRebindNanos - System.nanoTime());
        // select(0) would wait forever
        return Math.max(1, Math.min(SELECT_TIMEOUT_MILLIS, untilRebind));
    }

    private DatagramChannel upstreamFor(SocketAddress client) throws IOException {
        DatagramChannel out = upstreamByClient.get(client);
        if (out == null) {
            if (upstreamByClient.size() >= MAX_CLIENTS) {
                return null;
            }
            out = openUpstream(client);
            LOG.info("relay: new client {} -> upstream {} via {}", client, upstream, out.getLocalAddress());
        }
        return out;
    }

    /**
     * Asks for 4 MiB socket buffers (the kernel caps the request at net.core.rmem_max / wmem_max): with the
     * default 208 KiB, a relay that falls behind for a few milliseconds lost datagrams in its own socket before it
     * read them, as many as its configured loss at 5 % (1,681 in a 20 MiB transfer), uncounted and so taken
     * for the transport's spurious retransmissions.
     */
    private static void enlargeBuffers(DatagramChannel channel) throws IOException {
        channel.setOption(java.net.StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
        channel.setOption(java.net.StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
    }

    private DatagramChannel openUpstream(SocketAddress client) throws IOException {
        DatagramChannel out = DatagramChannel.open(family(upstream));
        enlargeBuffers(out);
        out.bind(new InetSocketAddress(upstream.getAddress().isLoopbackAddress() ? upstream.getAddress() : null, 0));
        out.connect(upstream);
        out.configureBlocking(false);
        out.register(selector, SelectionKey.OP_READ, client);
        upstreamByClient.put(client, out);
        return out;
    }

    /**
     * Gives every client a new upstream socket and closes the old one, as a NAT that rebinds its mappings. The
     * server's datagrams still on their way to an old port are lost, and so are delayed datagrams that were to
     * leave from one, as with a real rebinding.
     */
    private void rebind() throws IOException {
        for (SocketAddress client : upstreamByClient.keySet()) {
            DatagramChannel old = upstreamByClient.get(client);
            SocketAddress was = old.getLocalAddress();
            DatagramChannel out = openUpstream(client);
            closeQuietly(old);
            LOG.info("relay: client {} rebound from upstream port {} to {}", client, was, out.getLocalAddress());
        }
        rebinds.incrementAndGet();
    }

    private void relay(Impairment impairment, byte[] data, DatagramChannel out, SocketAddress to, long[] delays)
            throws IOException {
        int copies = impairment.apply(data, 0, data.length, delays);
        for (int i = 0; i < copies; i++) {
            if (delays[i] == 0) {
                send(out, to, data, impairment.stats());
            } else if (pending.size() < MAX_PENDING) {
                pending.add(new Pending(System.nanoTime() + delays[i], data, out, to, impairment.stats()));
            } else {
                overflow.incrementAndGet();
            }
        }
    }

    private void timerLoop() {
        try {
            while (running) {
                Pending p = pending.take();
                send(p.out, p.to, p.data, p.stats);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(DatagramChannel out, SocketAddress to, byte[] data, DirectionStats stats) {
        try {
            if (out.isConnected()) {
                out.write(ByteBuffer.wrap(data));
            } else {
                out.send(ByteBuffer.wrap(data), to);
            }
            stats.forwarded.incrementAndGet();
        } catch (IOException e) {
            // a closed relay or an ICMP port unreachable from a peer that went away: the datagram is lost,
            // which is what UDP would do too
            LOG.debug("relay send to {} failed: {}", to, e.toString());
        }
    }

    private static StandardProtocolFamily family(InetSocketAddress address) {
        return address.getAddress() instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }

    /** Stops both threads, then closes every socket; idempotent. */
    @Override
    public void close() {
        running = false;
        // stop the I/O thread first, so that no upstream socket is opened while the sockets are being closed
        selector.wakeup();
        timerThread.interrupt();
        try {
            ioThread.join(JOIN_MILLIS);
            timerThread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing relay selector: {}", e.toString());
        }
        closeQuietly(listener);
        upstreamByClient.values().forEach(UdpRelay::closeQuietly);
    }

    private static void closeQuietly(DatagramChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing relay socket: {}", e.toString());
        }
    }

    /** A datagram waiting for its send time. */
    private record Pending(long dueNanos, byte[] data, DatagramChannel out, SocketAddress to, DirectionStats stats)
            implements Delayed {

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(dueNanos, ((Pending) other).dueNanos);
        }
    }
}
