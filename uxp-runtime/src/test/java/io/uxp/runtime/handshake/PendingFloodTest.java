package io.uxp.runtime.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.Connection;
import io.uxp.api.ConnectionHandler;
import io.uxp.api.ServerHandler;
import io.uxp.runtime.ClientSecurity;
import io.uxp.runtime.HandshakeLimits;
import io.uxp.runtime.KeyUpdatePolicy;
import io.uxp.runtime.ProviderPreferences;
import io.uxp.runtime.ServerKeyPair;
import io.uxp.runtime.ServerSecurity;
import io.uxp.runtime.UxpClient;
import io.uxp.runtime.UxpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The review's attack, over real UDP: many source addresses (bound on loopback as 127.0.p.a, which Linux routes)
 * flood ClientHellos, answer every Retry and never confirm, to hold the pending table full. With the fair limits
 * they hold at most the pre-pressure entries plus one per-prefix cap per prefix, and an honest client from
 * another prefix still connects.
 */
class PendingFloodTest {

    private static final ServerKeyPair KEY = ServerKeyPair.generate(new SplittableRandom(5));
    private static final int PREFIXES = 8;
    private static final int ADDRESSES_PER_PREFIX = 4;
    private static final long ATTACK_MILLIS = 3_000;
    private static final long HELLO_INTERVAL_MILLIS = 10;

    /** A handler that ignores what arrives. */
    private static final class Quiet implements ConnectionHandler {
        @Override
        public void onData(Connection connection, ByteBuffer data) {
        }
    }

    /** One attacking source address: one template hello, a fresh connection ID per hello, the cookie reused. */
    private static final class Attacker {
        final DatagramChannel channel;
        final ClientHello template;
        final ByteBuffer in = ByteBuffer.allocate(2_048);
        final SplittableRandom random;
        byte[] cookie = new byte[0];
        int held;
        int retries;

        Attacker(InetSocketAddress bind, ClientHello template, long seed) throws IOException {
            this.channel = DatagramChannel.open().bind(bind);
            channel.configureBlocking(false);
            this.template = template;
            this.random = new SplittableRandom(seed);
        }

        void hello(InetSocketAddress server, long connectionId) throws IOException {
            byte[] h = new ClientHello(connectionId, template.ephemeralKey(), template.random(), template.flags(),
                    cookie, template.offers()).encode();
            channel.send(ByteBuffer.wrap(h), server);
        }

        void drain(InetSocketAddress server) throws IOException {
            in.clear();
            while (channel.receive(in) != null) {
                in.flip();
                byte[] d = new byte[in.remaining()];
                in.get(d);
                in.clear();
                if (d.length > 0 && d[0] == Wire.TYPE_RETRY) {
                    Retry r = Retry.parse(d, 0, d.length);
                    if (r != null) {
                        retries++;
                        cookie = r.cookie();
                        hello(server, r.clientConnectionId());
                    }
                } else if (d.length > 0 && d[0] == Wire.TYPE_SERVER_HELLO) {
                    held++;
                }
            }
        }
    }

    @Test
    void thirtyTwoAddressesInEightPrefixesHoldingHandshakesOpenCannotDenyAnHonestClientOfAnotherPrefix()
            throws Exception {
        HandshakeLimits limits = HandshakeLimits.defaults();
        ServerHandler accept = c -> new Quiet();
        ClientHandshake probe = new ClientHandshake(ClientSecurity.pinnedServerKey(KEY.publicKey()), Peers.REGISTRY,
                ProviderPreferences.defaults(), limits, KeyUpdatePolicy.defaults(), new SplittableRandom(1));
        byte[] first = probe.start(0);
        ClientHello template = ClientHello.parse(first, 0, first.length);
        List<Attacker> attackers = new ArrayList<>();
        try (UxpServer server = UxpServer.builder().bind(new InetSocketAddress("127.0.0.1", 0))
                .security(ServerSecurity.staticKey(KEY)).handler(accept).workers(2).start();
             UxpClient honest = UxpClient.builder().security(ClientSecurity.pinnedServerKey(KEY.publicKey()))
                     .build()) {
            InetSocketAddress to = server.localAddress();
            for (int p = 1; p <= PREFIXES; p++) {
                for (int a = 1; a <= ADDRESSES_PER_PREFIX; a++) {
                    attackers.add(new Attacker(Peers.address(p, a, 0), template, p * 100L + a));
                }
            }
            int maxPending = 0;
            CompletableFuture<Connection> honestConnection = null;
            long start = System.nanoTime();
            long connectAt = start + TimeUnit.MILLISECONDS.toNanos(ATTACK_MILLIS / 2);
            long end = start + TimeUnit.MILLISECONDS.toNanos(ATTACK_MILLIS);
            try (Selector selector = Selector.open()) {
                for (Attacker at : attackers) {
                    at.channel.register(selector, SelectionKey.OP_READ, at);
                }
                while (System.nanoTime() < end) {
                    for (Attacker at : attackers) {
                        at.hello(to, at.random.nextLong());
                    }
                    if (honestConnection == null && System.nanoTime() >= connectAt) {
                        DatagramChannel mine = DatagramChannel.open().bind(Peers.address(100, 1, 0));
                        honestConnection = honest.connect(mine, to, new Quiet());
                    }
                    // the attackers' pace: one new hello each per interval, answering Retries as they come
                    long next = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HELLO_INTERVAL_MILLIS);
                    for (long left = next - System.nanoTime(); left > 0; left = next - System.nanoTime()) {
                        selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                        for (SelectionKey k : selector.selectedKeys()) {
                            ((Attacker) k.attachment()).drain(to);
                        }
                        selector.selectedKeys().clear();
                    }
                    maxPending = Math.max(maxPending, server.stats().pendingHandshakes());
                }
            }
            int held = attackers.stream().mapToInt(a -> a.held).sum();
            int retries = attackers.stream().mapToInt(a -> a.retries).sum();
            System.out.printf("PendingFloodTest: %d addresses in %d prefixes held at most %d of %d pending "
                    + "handshakes (%d ServerHellos, %d Retries answered)%n", attackers.size(), PREFIXES, maxPending,
                    limits.maxPendingHandshakes(), held, retries);

            assertThat(honestConnection).as("the honest client started during the attack").isNotNull();
            Connection c = honestConnection.get(10, TimeUnit.SECONDS);
            assertThat(c.isOpen()).isTrue();
            // Before pressure anyone may take entries; under pressure each prefix adds at most its cap (and the
            // honest client holds one entry until its first record arrives).
            int bound = limits.cookieThreshold() + PREFIXES * limits.maxPendingPerPrefix() + 1;
            assertThat(maxPending).isLessThanOrEqualTo(bound)
                    .isLessThan(limits.maxPendingHandshakes());
            assertThat(retries).as("the attackers were made to prove their addresses").isPositive();
        } finally {
            for (Attacker at : attackers) {
                at.channel.close();
            }
        }
    }
}
