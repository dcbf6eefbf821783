package io.uxp.it;

import io.uxp.api.spi.ProviderRegistry;
import io.uxp.kcp.KcpEngine;
import io.uxp.kcp.KcpProfile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.SplittableRandom;

/**
 * UXP's KCP engine on a real UDP socket, driven by one thread, with an optional seeded loss in both directions
 * (applied on this side: outgoing datagrams are dropped before the socket, incoming ones after it).
 * Test support for the interop tests; not thread-safe.
 */
final class KcpUdpEndpoint implements AutoCloseable {

    private final DatagramChannel channel;
    private final Selector selector;
    private final SplittableRandom random;
    private final double loss;
    private final ByteBuffer receiveBuffer = ByteBuffer.allocate(65_536);
    private final byte[] message = new byte[1 << 20];
    private final KcpProfile profile;
    private KcpEngine engine;
    private SocketAddress peer;
    private long datagramsIn;
    private long datagramsOut;
    private long dropped;

    KcpUdpEndpoint(InetSocketAddress bind, KcpProfile profile, double loss, long seed) throws IOException {
        this.channel = DatagramChannel.open().bind(bind);
        this.channel.configureBlocking(false);
        this.selector = Selector.open();
        this.channel.register(selector, SelectionKey.OP_READ);
        this.profile = profile;
        this.loss = loss;
        this.random = new SplittableRandom(seed);
    }

    InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /** Starts a conversation with a known peer (this side initiates). */
    void connect(SocketAddress to, int conv) {
        this.peer = to;
        this.engine = newEngine(conv);
    }

    private KcpEngine newEngine(int conv) {
        var congestion = ProviderRegistry.load().congestionControl(profile.congestionControl())
                .newController(profile.config().mssBytes());
        return new KcpEngine(conv, profile.config(), congestion, (buf, off, len) -> {
            if (loss > 0 && random.nextDouble() < loss) {
                dropped++;
                return;
            }
            try {
                channel.send(ByteBuffer.wrap(buf, off, len), peer);
                datagramsOut++;
            } catch (IOException e) {
                throw new IllegalStateException("send to " + peer + " failed", e);
            }
        });
    }

    KcpEngine engine() {
        return engine;
    }

    /**
     * Runs the engine until {@code done} says so or the deadline passes: reads every datagram that arrives
     * (learning the peer and its conversation from the first one when this side did not initiate), calls
     * update when {@code check()} says so, and hands received messages to {@code onMessage}.
     */
    void run(long deadlineMillis, Step step) throws IOException {
        while (now() < deadlineMillis) {
            long now = now();
            int got;
            while ((got = readDatagram()) > 0) {
                if (loss > 0 && random.nextDouble() < loss) {
                    dropped++;
                    continue;
                }
                datagramsIn++;
                engine.input(receiveBuffer.array(), 0, got, now * 1_000L);
            }
            if (engine != null) {
                int n;
                while ((n = engine.receive(message, 0, message.length)) >= 0) {
                    step.onMessage(message, n);
                }
                if (step.tick()) {
                    engine.flush(now() * 1_000L);
                    return;
                }
                engine.update(now() * 1_000L);
            }
            long wait = engine == null ? 50 : Math.max(1, engine.check(now() * 1_000L) / 1_000L - now());
            selector.select(Math.min(wait, 50));
            selector.selectedKeys().clear();
        }
        throw new AssertionError("deadline passed; engine state: " + (engine == null ? "no peer yet" : engine.stats())
                + ", datagrams in " + datagramsIn + ", out " + datagramsOut + ", dropped " + dropped);
    }

    private int readDatagram() throws IOException {
        receiveBuffer.clear();
        SocketAddress from = channel.receive(receiveBuffer);
        if (from == null) {
            return 0;
        }
        if (engine == null) {
            if (receiveBuffer.position() < 4) {
                return -1;
            }
            peer = from;
            engine = newEngine(receiveBuffer.order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(0));
        }
        return receiveBuffer.position();
    }

    private static long now() {
        return System.nanoTime() / 1_000_000L;
    }

    long dropped() {
        return dropped;
    }

    @Override
    public void close() throws IOException {
        selector.close();
        channel.close();
    }

    /** What the driving loop does with received messages, and when it is done. */
    interface Step {
        void onMessage(byte[] buf, int len) throws IOException;

        /** Called once per loop turn; send more here. @return true when finished */
        boolean tick() throws IOException;
    }

    /** Collects received bytes. */
    static final class Sink {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        void add(byte[] buf, int len) {
            bytes.write(buf, 0, len);
        }
    }
}
