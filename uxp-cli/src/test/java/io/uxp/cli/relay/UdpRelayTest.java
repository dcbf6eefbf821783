package io.uxp.cli.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UdpRelayTest {

    private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final int DATAGRAMS = 200;

    @Test
    void withoutImpairmentEveryDatagramIsForwardedBothWays() throws Exception {
        try (DatagramChannel server = DatagramChannel.open().bind(ANY_LOOPBACK);
                DatagramChannel client = DatagramChannel.open().bind(ANY_LOOPBACK);
                UdpRelay relay = UdpRelay.start(ANY_LOOPBACK, (InetSocketAddress) server.getLocalAddress(),
                        ImpairmentSpec.NONE, 1)) {
            Set<Integer> atServer = new HashSet<>();
            Set<Integer> atClient = new HashSet<>();
            // lock-step: one datagram there, its echo back, so no socket buffer can overflow
            for (int i = 0; i < DATAGRAMS; i++) {
                client.send(ByteBuffer.allocate(4).putInt(0, i), relay.listenAddress());
                ByteBuffer in = ByteBuffer.allocate(16);
                SocketAddress from = receive(server, in);
                atServer.add(in.getInt(0));
                server.send(ByteBuffer.allocate(4).putInt(0, -i), from);
                ByteBuffer back = ByteBuffer.allocate(16);
                receive(client, back);
                atClient.add(back.getInt(0));
            }
            assertThat(atServer).hasSize(DATAGRAMS);
            assertThat(atClient).hasSize(DATAGRAMS);
            // the relay counts a datagram after its send returns, which can be after the peer received it
            awaitAtLeast(() -> relay.toClients().forwarded(), DATAGRAMS);
            assertThat(relay.toUpstream().forwarded()).isEqualTo(DATAGRAMS);
            assertThat(relay.toClients().forwarded()).isEqualTo(DATAGRAMS);
            assertThat(relay.toUpstream().dropped()).isZero();
        }
    }

    @Test
    void delayedDatagramsArriveAfterTheirDelay() throws Exception {
        Duration delay = Duration.ofMillis(30);
        try (DatagramChannel server = DatagramChannel.open().bind(ANY_LOOPBACK);
                DatagramChannel client = DatagramChannel.open().bind(ANY_LOOPBACK);
                UdpRelay relay = UdpRelay.start(ANY_LOOPBACK, (InetSocketAddress) server.getLocalAddress(),
                        ImpairmentSpec.of(0, delay, Duration.ZERO), 1)) {
            long start = System.nanoTime();
            client.send(ByteBuffer.wrap(new byte[] {7}), relay.listenAddress());
            ByteBuffer in = ByteBuffer.allocate(4);
            receive(server, in);
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(delay.toNanos());
            assertThat(in.get(0)).isEqualTo((byte) 7);
            assertThat(relay.toUpstream().delayed()).isEqualTo(1);
        }
    }

    @Test
    void totalLossForwardsNothingAndCountsEveryDrop() throws Exception {
        try (DatagramChannel server = DatagramChannel.open().bind(ANY_LOOPBACK);
                DatagramChannel client = DatagramChannel.open().bind(ANY_LOOPBACK);
                UdpRelay relay = UdpRelay.start(ANY_LOOPBACK, (InetSocketAddress) server.getLocalAddress(),
                        ImpairmentSpec.of(1, Duration.ZERO, Duration.ZERO), 1)) {
            for (int i = 0; i < 10; i++) {
                client.send(ByteBuffer.wrap(new byte[] {1}), relay.listenAddress());
            }
            awaitAtLeast(() -> relay.toUpstream().dropped(), 10);
            assertThat(relay.toUpstream().dropped()).isEqualTo(10);
            assertThat(relay.toUpstream().forwarded()).isZero();
            assertThat(relay.report()).contains("dropped 10");
        }
    }

    @Test
    void aRebindingRelaySendsFromANewUpstreamPortAfterEachPeriodAndForwardsTheAnswersToTheNewOne()
            throws Exception {
        try (DatagramChannel server = DatagramChannel.open().bind(ANY_LOOPBACK);
                DatagramChannel client = DatagramChannel.open().bind(ANY_LOOPBACK);
                UdpRelay relay = UdpRelay.start(ANY_LOOPBACK, (InetSocketAddress) server.getLocalAddress(),
                        ImpairmentSpec.NONE, 1, Duration.ofMillis(50))) {
            Set<SocketAddress> sources = new HashSet<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            int exchanges = 0;
            int answered = 0;
            // lock-step, one exchange a millisecond, until the server has seen the client from three upstream ports
            while (sources.size() < 3 && System.nanoTime() < deadline) {
                client.send(ByteBuffer.allocate(4).putInt(0, exchanges), relay.listenAddress());
                ByteBuffer in = ByteBuffer.allocate(16);
                SocketAddress from = receive(server, in);
                sources.add(from);
                server.send(ByteBuffer.allocate(4).putInt(0, -exchanges), from);
                ByteBuffer back = ByteBuffer.allocate(16);
                // an answer in flight when the relay rebinds reaches a closed port and is lost, as with a NAT
                if (receive(client, back, Duration.ofMillis(200)) != null) {
                    assertThat(back.getInt(0)).isEqualTo(-exchanges);
                    answered++;
                }
                exchanges++;
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
            assertThat(sources).hasSize(3);
            assertThat(relay.rebinds()).isGreaterThanOrEqualTo(2);
            assertThat(exchanges - answered).as("answers lost").isLessThanOrEqualTo((int) relay.rebinds());
            assertThat(relay.report()).contains("upstream rebinds: ");
        }
    }

    /** Waits until {@code counter} reaches {@code target}, at most 5 s. */
    private static void awaitAtLeast(java.util.function.LongSupplier counter, long target) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (counter.getAsLong() < target && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    /** Receives one datagram, waiting at most 5 s. */
    private static SocketAddress receive(DatagramChannel channel, ByteBuffer into) throws Exception {
        SocketAddress from = receive(channel, into, Duration.ofSeconds(5));
        if (from == null) {
            throw new AssertionError("no datagram within 5 s");
        }
        return from;
    }

    /** @return the sender of one datagram received within {@code bound}, or {@code null} */
    private static SocketAddress receive(DatagramChannel channel, ByteBuffer into, Duration bound)
            throws Exception {
        channel.configureBlocking(false);
        long deadline = System.nanoTime() + bound.toNanos();
        try (var selector = java.nio.channels.Selector.open()) {
            channel.register(selector, java.nio.channels.SelectionKey.OP_READ);
            while (System.nanoTime() < deadline) {
                selector.select(Math.max(1, Math.min(100, (deadline - System.nanoTime()) / 1_000_000)));
                SocketAddress from = channel.receive(into);
                if (from != null) {
                    channel.keyFor(selector).cancel();
                    selector.selectNow();
                    return from;
                }
            }
        }
        return null;
    }
}
