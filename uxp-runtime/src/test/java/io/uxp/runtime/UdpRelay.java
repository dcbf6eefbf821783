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

/**
 * A loopback UDP relay for tests: clients talk to {@link #address()}, the relay forwards to the server from
 * its upstream socket and back. It can black-hole traffic, switch its upstream socket (a NAT rebinding: the
 * server sees a new source port), drop a seeded random share of datagrams, and keep copies of client-to-server
 * datagrams. One thread, bounded waits.
 */
final class UdpRelay implements AutoCloseable {
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

    UdpRelay(InetSocketAddress server) throws IOException {
        this.server = server;
        this.selector = Selector.open();
        this.front = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        front.configureBlocking(false);
        front.register(selector, SelectionKey.OP_READ);
        upstream = openUpstream();
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

    /** Moves to a new upstream socket, as a NAT that rebinds the client's mapping. */
    void switchUpstream() {
        switchRequested = true;
        selector.wakeup();
    }

    List<byte[]> captured() {
        synchronized (captured) {
            return List.copyOf(captured);
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
                    old.close();
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
                    byte[] copy = new byte[buffer.remaining()];
                    buffer.duplicate().get(copy);
                    synchronized (captured) {
                        captured.add(copy);
                    }
                }
                upstream.send(buffer, server);
            } else if (channel == upstream && client != null) {
                front.send(buffer, client);
            }
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
        front.close();
        upstream.close();
        selector.close();
    }
}
