package io.uxp.runtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback UDP relay for tests: clients talk to {@link #address()}, the relay forwards to the server from
 * its upstream socket and back. It can black-hole traffic, switch its upstream socket (a NAT rebinding: the
 * server sees a new source port), switch it for the client's datagrams only (the server's answers to the new
 * port are lost), drop a seeded random share of datagrams, keep copies of client-to-server datagrams, withhold
 * some (a loss whose copy the test keeps), and act as an on-path attacker: send a copy of the next datagrams
 * from another socket ahead of the original. One thread, bounded waits.
 */
final class UdpRelay implements AutoCloseable {

    /** Sends copies of the next {@code count} datagrams of one direction from {@code from}, ahead of them. */
    static final class Copier {
        final DatagramChannel from;
        final AtomicInteger remaining;
        final int maxBytes;
        final AtomicInteger sent = new AtomicInteger();
        final AtomicLong bytes = new AtomicLong();

        /**
         * @param from the socket the copies come from (the attacker's, at the victim's address)
         * @param count how many datagrams to copy
         * @param maxBytes copy only datagrams up to this long
         */
        Copier(DatagramChannel from, int count, int maxBytes) {
            this.from = from;
            this.remaining = new AtomicInteger(count);
            this.maxBytes = maxBytes;
        }

        void copy(ByteBuffer datagram, InetSocketAddress to) throws IOException {
            if (datagram.remaining() <= maxBytes && remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                // counted before the send: the server may act on the copy before send() returns here
                bytes.addAndGet(datagram.remaining());
                sent.incrementAndGet();
                from.send(datagram.duplicate(), to);
            }
        }
    }

    private final InetSocketAddress server;
    private final DatagramChannel front;
    private final Selector selector;
    private final Thread thread;
    private final ByteBuffer buffer = ByteBuffer.allocate(65_536);
    private final List<byte[]> captured = new ArrayList<>();
    final AtomicInteger switches = new AtomicInteger();
    private DatagramChannel upstream;
    private InetSocketAddress client;
    private volatile boolean running = true;
    volatile boolean blackHole;
    /** Probability of dropping each datagram, in either direction, drawn from a seeded generator. */
    volatile double lossRate;
    private final java.util.SplittableRandom random = new java.util.SplittableRandom(99);
    volatile boolean capture;
    private volatile boolean switchRequested;
    private volatile boolean keepReturnPath;
    /** Where the server's datagrams are read from: the upstream socket, or the old one after a one-way switch. */
    private DatagramChannel returnPath;
    /** Server datagrams that reached the new upstream after a one-way switch, and were dropped. */
    final AtomicLong lostAnswers = new AtomicLong();
    /** Copies the client's datagrams to the server, ahead of them. */
    volatile Copier upstreamCopier;
    /** Copies the server's datagrams to the client, ahead of them. */
    volatile Copier downstreamCopier;
    /** Client-to-server datagrams still to withhold. */
    final AtomicInteger withhold = new AtomicInteger();
    private final List<byte[]> withheld = new ArrayList<>();

    UdpRelay(InetSocketAddress server) throws IOException {
        this.server = server;
        this.selector = Selector.open();
        this.front = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        front.configureBlocking(false);
        front.register(selector, SelectionKey.OP_READ);
        upstream = openUpstream();
        returnPath = upstream;
        thread = new Thread(this::run, "test-udp-relay");
        thread.setDaemon(true);
        thread.start();
    }

    private DatagramChannel openUpstream() throws IOException {
        DatagramChannel c = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        c.configureBlocking(false);
        c.register(selector, SelectionKey.OP_READ);
        return c;
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) front.getLocalAddress();
    }

    /** @return the address the server currently sees for the client */
    InetSocketAddress upstreamAddress() throws IOException {
        return (InetSocketAddress) upstream.getLocalAddress();
    }

    /**
     * Duplicates the next {@code count} server-to-client datagrams: each reaches the client twice from the relay's
     * address, as if the server had answered a retransmission too.
     *
     * @return the copier, which counts the duplicates sent
     */
    Copier duplicateToClient(int count) {
        Copier c = new Copier(front, count, 65_536);
        downstreamCopier = c;
        return c;
    }

    /** Moves to a new upstream socket, as a NAT that rebinds the client's mapping. */
    void switchUpstream() {
        keepReturnPath = false;
        switchRequested = true;
        selector.wakeup();
    }

    /**
     * Sends the client's datagrams from a new upstream socket but keeps forwarding the server's datagrams that
     * reach the old one; whatever the server sends to the new one is lost. The new address can never answer.
     */
    void switchUpstreamOneWay() {
        keepReturnPath = true;
        switchRequested = true;
        selector.wakeup();
    }

    List<byte[]> captured() {
        synchronized (captured) {
            return List.copyOf(captured);
        }
    }

    /** @return the client-to-server datagrams withheld so far */
    List<byte[]> withheld() {
        synchronized (withheld) {
            return List.copyOf(withheld);
        }
    }

    private void run() {
        try {
            while (running) {
                selector.select(50);
                if (switchRequested) {
                    switchRequested = false;
                    DatagramChannel old = upstream;
                    upstream = openUpstream();
                    if (!keepReturnPath) {
                        if (returnPath != old) {
                            returnPath.close();
                        }
                        old.close();
                        returnPath = upstream;
                    }
                    switches.incrementAndGet();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isValid() && key.isReadable()) {
                        drain((DatagramChannel) key.channel());
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            if (running) {
                throw new IllegalStateException(e);
            }
        }
    }

    private void drain(DatagramChannel channel) throws IOException {
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
            if (blackHole || (lossRate > 0 && random.nextDouble() < lossRate)) {
                continue;
            }
            if (channel == front) {
                client = from;
                if (capture) {
                    synchronized (captured) {
                        captured.add(copy(buffer));
                    }
                }
                if (withhold.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    synchronized (withheld) {
                        withheld.add(copy(buffer));
                    }
                    continue;
                }
                Copier copier = upstreamCopier;
                if (copier != null) {
                    copier.copy(buffer, server);
                }
                upstream.send(buffer, server);
            } else if (channel == returnPath && client != null) {
                Copier copier = downstreamCopier;
                if (copier != null) {
                    copier.copy(buffer, client);
                }
                front.send(buffer, client);
            } else if (channel == upstream) {
                lostAnswers.incrementAndGet();
            }
        }
    }

    private static byte[] copy(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
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
        front.close();
        upstream.close();
        returnPath.close();
        selector.close();
    }
}
