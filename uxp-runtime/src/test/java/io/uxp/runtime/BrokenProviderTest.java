package io.uxp.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.uxp.api.CloseCause;
import io.uxp.api.CloseCause.Kind;
import io.uxp.api.Connection;
import io.uxp.api.HandshakeException;
import io.uxp.api.spi.CipherProvider;
import io.uxp.api.spi.PacketOpener;
import io.uxp.api.spi.PacketSealer;
import io.uxp.api.spi.ProviderRegistry;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Deliberately broken providers over real loopback UDP: a provider that throws on the packet path closes its own
 * connection, within a bound, with a {@code LOCAL_ERROR} whose detail names it, and the other connections of the
 * same worker carry on; a provider with out-of-range sizes is refused when loaded and never negotiated.
 */
class BrokenProviderTest {

    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final List<String> CHACHA = List.of("chacha20-poly1305");
    private static final List<String> KCP = List.of("kcp");

    /** Echoes as many bytes as it receives, so that the server seals (and runs FEC and congestion control). */
    static final class Echo extends Recorder {
        @Override
        void received(Connection connection, int n) {
            connection.send(ByteBuffer.allocate(n));
        }
    }

    private static ProviderPreferences prefs(List<String> ciphers, FecOffer fec, List<String> cc) {
        return new ProviderPreferences(ciphers, List.of(fec), cc);
    }

    /** Sends one message and waits for its echo. */
    private static void roundTrip(Connection c, Recorder r) {
        long before = r.bytes.get();
        c.send(ByteBuffer.allocate(100));
        await().atMost(BOUND).until(() -> r.bytes.get() >= before + 100);
    }

    /**
     * One server worker, two clients: the first negotiates {@code brokenPrefs} (with the broken provider), the
     * second the built-ins. After {@code arm}, the first's next message makes the server's provider throw.
     *
     * @param peerIsTold whether the server can still seal a CLOSE, so that the first client learns at once
     */
    private static void serverFaultClosesOnlyItsConnection(ProviderRegistry serverRegistry,
            ProviderPreferences serverPrefs, ProviderRegistry clientRegistry, ProviderPreferences brokenPrefs,
            Runnable arm, boolean peerIsTold, String... detail) throws Exception {
        Fixtures.Accepting accepting = new Fixtures.Accepting(Echo::new);
        try (UxpServer server = Fixtures.server(accepting).workers(1).registry(serverRegistry).preferences(serverPrefs)
                .start();
             UxpClient brokenClient = Fixtures.client().registry(clientRegistry).preferences(brokenPrefs).build();
             UxpClient healthyClient = Fixtures.client().preferences(prefs(CHACHA, FecOffer.NONE, KCP)).build()) {
            Recorder broken = new Recorder();
            Recorder healthy = new Recorder();
            Connection a = Fixtures.connect(brokenClient, server.localAddress(), broken);
            Connection b = Fixtures.connect(healthyClient, server.localAddress(), healthy);
            roundTrip(a, broken);
            roundTrip(b, healthy);

            arm.run();
            a.send(ByteBuffer.allocate(100));
            await().atMost(BOUND).until(() -> accepting.connectionCloses.size() == 1);
            CloseCause cause = accepting.connectionCloses.get(0);
            assertThat(cause.kind()).isEqualTo(Kind.LOCAL_ERROR);
            assertThat(cause.detail()).contains(detail);
            // the same worker's other connection still works
            roundTrip(b, healthy);
            roundTrip(b, healthy);
            // one of the two stays open (the healthy one: it still echoes); the order in which the server opened
            // them depends on which client's first record arrived first
            assertThat(accepting.opened).hasSize(2);
            assertThat(server.connections()).singleElement().extracting(Connection::id)
                    .isIn(accepting.opened.get(0).id(), accepting.opened.get(1).id());
            assertThat(healthy.closes()).isEmpty();
            if (peerIsTold) {
                CloseCause atClient = broken.closed.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(atClient.kind()).isEqualTo(Kind.PEER_CLOSE);
                assertThat(atClient.detail()).contains("internal error");
            }
        }
    }

    @Test
    void aServerSealThatThrowsClosesThatConnectionNamingTheCipher() throws Exception {
        BrokenProviders.Cipher atServer = new BrokenProviders.Cipher("test-broken-seal", BrokenProviders.CipherFault.SEAL);
        BrokenProviders.Cipher atClient = new BrokenProviders.Cipher("test-broken-seal", BrokenProviders.CipherFault.SEAL);
        serverFaultClosesOnlyItsConnection(
                BrokenProviders.registry(List.of(atServer), List.of(), List.of()),
                prefs(List.of("test-broken-seal", "chacha20-poly1305"), FecOffer.NONE, KCP),
                BrokenProviders.registry(List.of(atClient), List.of(), List.of()),
                prefs(List.of("test-broken-seal"), FecOffer.NONE, KCP),
                () -> atServer.armed.set(true), false,
                "cipher provider 'test-broken-seal'", "PacketSealer.seal", "deliberately broken seal");
    }

    @Test
    void aFecEncoderThatThrowsClosesThatConnectionAndThePeerIsTold() throws Exception {
        BrokenProviders.Fec atServer = new BrokenProviders.Fec();
        FecOffer brokenFec = FecOffer.of("test-broken-fec", 4, 2);
        ProviderPreferences serverPrefs = new ProviderPreferences(CHACHA, List.of(brokenFec, FecOffer.NONE), KCP);
        serverFaultClosesOnlyItsConnection(
                BrokenProviders.registry(List.of(), List.of(atServer), List.of()), serverPrefs,
                BrokenProviders.registry(List.of(), List.of(new BrokenProviders.Fec()), List.of()),
                prefs(CHACHA, brokenFec, KCP), () -> atServer.armed.set(true), true,
                "FEC provider 'test-broken-fec'", "FecEncoder.encode", "deliberately broken encode");
    }

    @Test
    void aCongestionControllerThatThrowsClosesThatConnectionNamingIt() throws Exception {
        BrokenProviders.Congestion atServer = new BrokenProviders.Congestion();
        serverFaultClosesOnlyItsConnection(
                BrokenProviders.registry(List.of(), List.of(), List.of(atServer)),
                prefs(CHACHA, FecOffer.NONE, List.of("test-broken-cc", "kcp")),
                BrokenProviders.registry(List.of(), List.of(), List.of(new BrokenProviders.Congestion())),
                prefs(CHACHA, FecOffer.NONE, List.of("test-broken-cc")),
                () -> atServer.armed.set(true), true,
                "congestion control provider 'test-broken-cc'", "CongestionController.onAcknowledged");
    }

    @Test
    void aClientOpenThatThrowsClosesThatConnectionInsteadOfHangingAndTellsTheServer() throws Exception {
        // the reported hang: the client's worker logged "continuing" for every datagram and the connection stayed open
        BrokenProviders.Cipher atClient = new BrokenProviders.Cipher("test-broken-open", BrokenProviders.CipherFault.OPEN);
        ProviderRegistry serverRegistry = BrokenProviders.registry(
                List.of(new BrokenProviders.Cipher("test-broken-open", BrokenProviders.CipherFault.OPEN)),
                List.of(), List.of());
        Fixtures.Accepting brokenSide = new Fixtures.Accepting(Echo::new);
        Fixtures.Accepting healthySide = new Fixtures.Accepting(Echo::new);
        try (UxpServer brokenServer = Fixtures.server(brokenSide).registry(serverRegistry)
                     .preferences(prefs(List.of("test-broken-open"), FecOffer.NONE, KCP)).start();
             UxpServer healthyServer = Fixtures.server(healthySide).preferences(prefs(CHACHA, FecOffer.NONE, KCP))
                     .start();
             // one client worker holds both connections
             UxpClient client = Fixtures.client().workers(1)
                     .registry(BrokenProviders.registry(List.of(atClient), List.of(), List.of()))
                     .preferences(prefs(List.of("test-broken-open", "chacha20-poly1305"), FecOffer.NONE, KCP))
                     .build()) {
            Recorder broken = new Recorder();
            Recorder healthy = new Recorder();
            Connection a = Fixtures.connect(client, brokenServer.localAddress(), broken);
            Connection b = Fixtures.connect(client, healthyServer.localAddress(), healthy);
            assertThat(a.suite().cipher()).isEqualTo("test-broken-open");
            assertThat(b.suite().cipher()).isEqualTo("chacha20-poly1305");
            roundTrip(a, broken);
            roundTrip(b, healthy);

            atClient.armed.set(true);
            a.send(ByteBuffer.allocate(100));
            CloseCause cause = broken.closed.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(cause.kind()).isEqualTo(Kind.LOCAL_ERROR);
            assertThat(cause.detail()).contains("cipher provider 'test-broken-open'", "PacketOpener.open",
                    "ArrayIndexOutOfBoundsException");
            assertThat(a.isOpen()).isFalse();
            // its sealer still works, so the server hears of it at once rather than by its idle timeout
            await().atMost(BOUND).until(() -> brokenSide.connectionCloses.size() == 1);
            assertThat(brokenSide.connectionCloses.get(0).kind()).isEqualTo(Kind.PEER_CLOSE);
            roundTrip(b, healthy);
            assertThat(b.isOpen()).isTrue();
            assertThat(healthy.closes()).isEmpty();
        }
    }

    @Test
    void aClientCipherThatCannotMakeASealerFailsTheConnectAtOnceNamingIt() throws Exception {
        BrokenProviders.Cipher atClient = new BrokenProviders.Cipher("test-broken-keying",
                BrokenProviders.CipherFault.NEW_SEALER);
        atClient.armed.set(true);
        ProviderPreferences prefs = prefs(List.of("test-broken-keying"), FecOffer.NONE, KCP);
        Fixtures.Accepting accepting = new Fixtures.Accepting(Echo::new);
        try (UxpServer server = Fixtures.server(accepting).preferences(prefs).registry(BrokenProviders.registry(
                     List.of(new BrokenProviders.Cipher("test-broken-keying", BrokenProviders.CipherFault.NEW_SEALER)),
                     List.of(), List.of())).start();
             UxpClient client = Fixtures.client().preferences(prefs)
                     .registry(BrokenProviders.registry(List.of(atClient), List.of(), List.of())).build()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.connect(server.localAddress(), new Recorder()).get(BOUND.toMillis(),
                    TimeUnit.MILLISECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(HandshakeException.class)
                    .hasMessageContaining("cipher provider 'test-broken-keying'")
                    .hasMessageContaining("deliberately broken newSealer");
            // well before the 10 s handshake timeout
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
        }
    }

    /** A cipher that declares a 4-byte nonce (the record layer writes an 8-byte packet number into it). */
    private static final class FourByteNonce implements CipherProvider {
        private final CipherProvider inner = BrokenProviders.BUILT_IN.cipher("chacha20-poly1305");

        @Override
        public String name() {
            return "test-short-nonce";
        }

        @Override
        public int keyBytes() {
            return 32;
        }

        @Override
        public int nonceBytes() {
            return 4;
        }

        @Override
        public int prefixBytes() {
            return 0;
        }

        @Override
        public int suffixBytes() {
            return 16;
        }

        @Override
        public PacketSealer newSealer(byte[] key) {
            return inner.newSealer(key);
        }

        @Override
        public PacketOpener newOpener(byte[] key) {
            return inner.newOpener(key);
        }
    }

    @Test
    void aCipherWithAFourByteNonceIsRefusedAtLoadAndNeverNegotiated() throws Exception {
        ProviderRegistry registry = BrokenProviders.registry(List.of(new FourByteNonce()), List.of(), List.of());
        assertThat(registry.names(io.uxp.api.spi.ProviderKind.CIPHER)).doesNotContain("test-short-nonce");
        assertThat(registry.refused()).singleElement().asString()
                .contains("test-short-nonce", "nonceBytes 4 is outside 8..32");

        Fixtures.Accepting accepting = new Fixtures.Accepting(Echo::new);
        try (UxpServer server = Fixtures.server(accepting).registry(registry).start();
             UxpClient client = Fixtures.client().registry(registry)
                     .preferences(prefs(List.of("test-short-nonce"), FecOffer.NONE, KCP)).build()) {
            Predicate<Throwable> namesIt = e -> e.getMessage().contains("nonceBytes 4");
            assertThatThrownBy(() -> client.connect(server.localAddress(), new Recorder()).get(BOUND.toMillis(),
                    TimeUnit.MILLISECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(HandshakeException.class)
                    .matches(namesIt, "names the refused provider and the value at fault");
            assertThat(accepting.opened).isEmpty();
        }
    }
}
