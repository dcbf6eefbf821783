package io.uxp.cli.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.Connection;
import io.uxp.api.ConnectionHandler;
import io.uxp.api.SendResult;
import io.uxp.runtime.ClientSecurity;
import io.uxp.runtime.ServerKeyPair;
import io.uxp.runtime.ServerSecurity;
import io.uxp.runtime.UxpClient;
import io.uxp.runtime.UxpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A UXP transfer through the CLI's relay while it rebinds its upstream port twice (a NAT rebinding, what
 * {@code uxp relay --rebind-every} does on a timer): the server validates each new address and follows; one
 * connection, one handshake, every byte. The rebinds are triggered once the connection is up: one during the
 * handshake can make it fail (the server answers a retransmitted ClientHello only from the address it came from).
 */
class RebindingRelayTransferTest {

    private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(20);

    /** Hashes what arrives; runs on the server connection's worker. */
    private static final class Digesting implements ConnectionHandler {
        final MessageDigest sha = sha256();
        final AtomicLong bytes = new AtomicLong();
        volatile byte[] digest;
        final long expected;

        Digesting(long expected) {
            this.expected = expected;
        }

        @Override
        public void onData(Connection connection, ByteBuffer data) {
            bytes.addAndGet(data.remaining());
            sha.update(data);
            if (bytes.get() == expected) {
                digest = sha.digest();
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits for {@code condition}, polling every millisecond, at most 20 s. */
    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + BOUND_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static void send(Connection c, byte[] data, int from, int to) {
        for (int off = from; off < to; ) {
            int n = Math.min(16_384, to - off);
            if (c.send(ByteBuffer.wrap(data, off, n)) == SendResult.ACCEPTED) {
                off += n;
            } else {
                await("room to send", c::isWritable);
            }
        }
    }

    @Test
    void aTransferThroughARelayThatRebindsItsUpstreamPortFinishesOnOneConnection() throws Exception {
        ServerKeyPair key = ServerKeyPair.generate(new SecureRandom());
        byte[] data = new byte[8 << 20];
        new SplittableRandom(3).nextBytes(data);
        int half = data.length / 2;
        Digesting sink = new Digesting(data.length);
        List<Connection> atServer = new CopyOnWriteArrayList<>();
        try (UxpServer server = UxpServer.builder().bind(LOOPBACK).security(ServerSecurity.staticKey(key))
                     .workers(1).handler(connection -> {
                         atServer.add(connection);
                         return sink;
                     }).start();
             UdpRelay relay = UdpRelay.start(LOOPBACK, server.localAddress(), ImpairmentSpec.NONE, 5);
             UxpClient client = UxpClient.builder().security(ClientSecurity.pinnedServerKey(key.publicKey()))
                     .build()) {
            Connection c = client.connect(relay.listenAddress(), (connection, bytes) -> { })
                    .get(10, TimeUnit.SECONDS);
            await("the server's connection", () -> !atServer.isEmpty());
            Connection serverSide = atServer.get(0);
            InetSocketAddress first = serverSide.remoteAddress();
            int quarter = data.length / 4;
            send(c, data, 0, quarter);
            relay.rebindNow();
            await("the first rebind", () -> relay.rebinds() == 1);
            send(c, data, quarter, half);
            await("the first validated move", () -> serverSide.stats().pathValidationsSucceeded() == 1);
            InetSocketAddress second = serverSide.remoteAddress();
            relay.rebindNow();
            await("the second rebind", () -> relay.rebinds() == 2);
            send(c, data, half, data.length);

            await("every byte", () -> sink.digest != null);
            assertThat(sink.digest).isEqualTo(sha256().digest(data));
            await("the second validated move", () -> serverSide.stats().pathValidationsSucceeded() == 2);
            assertThat(second).isNotEqualTo(first);
            assertThat(serverSide.remoteAddress()).isNotEqualTo(first).isNotEqualTo(second);
            assertThat(atServer).hasSize(1);
            assertThat(server.stats().handshakesCompleted()).isEqualTo(1);
            assertThat(serverSide.isOpen()).isTrue();
            assertThat(c.isOpen()).isTrue();
        }
    }
}
