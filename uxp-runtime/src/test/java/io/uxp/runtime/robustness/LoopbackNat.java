package io.uxp.runtime.robustness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback NAT for the robustness tests: any number of clients send to {@link #address()}, each client address
 * gets its own upstream socket on 127.0.0.1 (so the server sees one address per client, as behind a NAT), and
 * the server's answers go back to the client they belong to. Both directions drop a seeded share of datagrams
 * ({@code lossRate}). A {@link Tap} sees each client-to-server datagram just before it is forwarded (a copy sent
 * from the tap arrives ahead of the original) and just after. Mappings are released on request, so churn does
 * not grow the relay. One thread; at most {@link #MAX_MAPPINGS} mappings (beyond, datagrams are dropped and
 * counted).
 */
final class LoopbackNat implements AutoCloseable {

    /** Most client addresses mapped at once (one socket each). */
    static final int MAX_MAPPINGS = 1_024;
    /** Largest datagram relayed whole. */
    private static final int MAX_DATAGRAM_BYTES = 65_536;
    /** Bound on the thread's wait, so close is seen promptly. */
    private static final long SELECT_MILLIS = 50;

    /** Sees the client-to-server datagrams. Runs on the relay's thread; must not keep the buffer. */
    interface Tap {
        /**
         * @param datagram the datagram, position to limit (restored afterwards)
         * @param client the client's address
         */
        void before(ByteBuffer datagram, InetSocketAddress client);

        /** @param datagram the datagram just forwarded (restored afterwards) */
        void after(ByteBuffer datagram);
    }

    private static final class Mapping {
        final InetSocketAddress client;
        final DatagramChannel upstream;
        final InetSocketAddress upstreamAddress;

        Mapping(InetSocketAddress client, DatagramChannel upstream) throws IOException {
            this.client = client;
            this.upstream = upstream;
            this.upstreamAddress = (InetSocketAddress) upstream.getLocalAddress();
        }
    }

    private final InetSocketAddress server;
    private final DatagramChannel front;
    private final InetSocketAddress frontAddress;
    private final Selector selector;
    private final Thread thread;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM_BYTES);
    private final Map<InetSocketAddress, Mapping> mappings = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<InetSocketAddress> releases = new ConcurrentLinkedQueue<>();
    private final SplittableRandom random;
    private final double lossRate;
    private volatile boolean running = true;
    volatile Tap tap;
    final AtomicLong forwarded = new AtomicLong();
    final AtomicLong lost = new AtomicLong();
    final AtomicLong overflow = new AtomicLong();

    /**
     * @param server where client datagrams go
     * @param lossRate the probability of dropping each datagram, each way
     * @param seed the loss generator's seed
     */
    LoopbackNat(InetSocketAddress server, double lossRate, long seed) throws IOException {
        this.server = server;
        this.lossRate = lossRate;
        this.random = new SplittableRandom(seed);
        this.selector = Selector.open();
        this.front = open();
        this.frontAddress = (InetSocketAddress) front.getLocalAddress();
        front.register(selector, SelectionKey.OP_READ, null);
        thread = new Thread(this::run, "test-loopback-nat");
        thread.setDaemon(true);
        thread.start();
    }

    private static DatagramChannel open() throws IOException {
        DatagramChannel c = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        c.configureBlocking(false);
        Sockets.enlargeBuffers(c);
        return c;
    }

    /** @return where clients send */
    InetSocketAddress address() {
        return frontAddress;
    }

    /** @return the address the server sees for {@code client}, or {@code null} if it has sent nothing yet */
    InetSocketAddress upstreamOf(InetSocketAddress client) {
        Mapping m = mappings.get(client);
        return m == null ? null : m.upstreamAddress;
    }

    /** @return mappings currently open */
    int mappings() {
        return mappings.size();
    }

    /** Closes the mapping of a client that is gone (on the relay's thread, soon). */
    void release(InetSocketAddress client) {
        releases.add(client);
        selector.wakeup();
    }

    private void run() {
        try {
            while (running) {
                InetSocketAddress gone;
                while ((gone = releases.poll()) != null) {
                    Mapping m = mappings.remove(gone);
                    if (m != null) {
                        m.upstream.close();
                    }
                }
                selector.select(SELECT_MILLIS);
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isValid() && key.isReadable()) {
                        drain((DatagramChannel) key.channel(), (Mapping) key.attachment());
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            if (running) {
                throw new IllegalStateException("the test NAT failed", e);
            }
        }
    }

    private void drain(DatagramChannel channel, Mapping mapping) throws IOException {
        for (int i = 0; i < 256; i++) {
            buffer.clear();
            InetSocketAddress from;
            try {
                from = (InetSocketAddress) channel.receive(buffer);
            } catch (IOException e) {
                return;
            }
            if (from == null) {
                return;
            }
            buffer.flip();
            if (lossRate > 0 && random.nextDouble() < lossRate) {
                lost.incrementAndGet();
                continue;
            }
            if (mapping == null) {
                toServer(from);
            } else {
                send(front, mapping.client);
            }
        }
    }

    private void toServer(InetSocketAddress client) throws IOException {
        Mapping m = mappings.get(client);
        if (m == null) {
            if (mappings.size() >= MAX_MAPPINGS) {
                overflow.incrementAndGet();
                return;
            }
            m = new Mapping(client, open());
            m.upstream.register(selector, SelectionKey.OP_READ, m);
            mappings.put(client, m);
        }
        Tap t = tap;
        if (t != null) {
            t.before(buffer, client);
            buffer.rewind();
        }
        send(m.upstream, server);
        if (t != null) {
            t.after(buffer);
            buffer.rewind();
        }
    }

    private void send(DatagramChannel from, InetSocketAddress to) {
        try {
            from.send(buffer, to);
            buffer.rewind();
            forwarded.incrementAndGet();
        } catch (IOException e) {
            // a closed mapping or a full buffer: a loss, as on a real link
            lost.incrementAndGet();
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        selector.wakeup();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Mapping m : new ArrayList<>(mappings.values())) {
            m.upstream.close();
        }
        mappings.clear();
        front.close();
        selector.close();
    }
}
