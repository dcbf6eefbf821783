package io.uxp.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.uxp.api.Connection;
import io.uxp.api.ConnectionStats;
import io.uxp.api.DropReason;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Path validation over real loopback sockets, through {@link UdpRelay}: a copy of a genuine record sent from
 * another address never moves a connection and gets that address at most 3x the bytes it carried (the client's
 * first record included: the connection starts at its hello's address); a late copy starts no validation; an
 * address that never answers leaves the connection where it was; a client drops records from anywhere but the
 * server's address. (A genuine NAT rebinding: {@code embedded.EmbeddedMigrationTest}; copies sent ahead from another
 * address, in virtual time: {@code embedded.EmbeddedPathValidationTest}.) Every server here has one socket
 * ({@code receiveSockets(1)}): with one per worker, a copy from another address may be read by another worker
 * than the original, in either order, and these tests need the order the datagrams were sent in.
 */
class PathValidationTest {

    /** Longest record that is not data: a challenge is 42 bytes with the built-in ciphers. */
    private static final int PATH_RECORD_MAX_BYTES = 64;
    private static final Duration BOUND = Duration.ofSeconds(20);

    private static byte[] random(int n, long seed) {
        byte[] data = new byte[n];
        new SplittableRandom(seed).nextBytes(data);
        return data;
    }

    private static DatagramChannel socket() throws Exception {
        DatagramChannel c = DatagramChannel.open().bind(Fixtures.LOOPBACK);
        c.configureBlocking(false);
        return c;
    }

    /** @return the sizes of the datagrams waiting at {@code channel} */
    private static List<Integer> drain(DatagramChannel channel) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        ByteBuffer b = ByteBuffer.allocate(65_536);
        while (channel.receive(b.clear()) != null) {
            sizes.add(b.position());
        }
        return sizes;
    }

    private static long sum(List<Integer> sizes) {
        return sizes.stream().mapToLong(Integer::longValue).sum();
    }

    private static boolean noValidationRunning(ConnectionStats s) {
        return s.pathValidationsStarted() == s.pathValidationsSucceeded() + s.pathValidationsFailed();
    }

    @Test
    void anAttackersCopyAheadOfTheOriginalNeverMovesTheConnectionAndGetsTheVictimAtMostThreeTimesItsBytes()
            throws Exception {
        Fixtures.Accepting accepting = new Fixtures.Accepting(Recorder::new);
        byte[] data = random(4 << 20, 21);
        try (UxpServer server = Fixtures.server(accepting).receiveSockets(1).start();
             UdpRelay relay = new UdpRelay(server.localAddress());
             UxpClient client = Fixtures.client().build();
             DatagramChannel victim = socket()) {
            Recorder clientSide = new Recorder();
            Connection c = Fixtures.connect(client, relay.address(), clientSide);
            Connection atServer = accepting.first.get(5, TimeUnit.SECONDS);
            InetSocketAddress honest = atServer.remoteAddress();

            // idle: the client's next record is a keepalive; its copy arrives first, from the victim's address
            UdpRelay.Copier idle = new UdpRelay.Copier(victim, 1, PATH_RECORD_MAX_BYTES);
            relay.upstreamCopier = idle;
            await().atMost(BOUND).until(() -> atServer.stats().pathValidationsFailed() == 1);
            List<Integer> idleSizes = drain(victim);
            System.out.printf("PathValidationTest idle: attacker sent %d bytes, victim received %s = %d bytes%n",
                    idle.bytes.get(), idleSizes, sum(idleSizes));
            assertThat(idle.sent.get()).isEqualTo(1);
            assertThat(sum(idleSizes)).as("challenges went to the candidate").isPositive()
                    .isLessThanOrEqualTo(3 * idle.bytes.get());
            assertThat(atServer.remoteAddress()).isEqualTo(honest);

            // busy: copies of 16 data records during a transfer
            UdpRelay.Copier busy = new UdpRelay.Copier(victim, 16, Integer.MAX_VALUE);
            relay.upstreamCopier = busy;
            Fixtures.sendAll(c, clientSide, data, 16_384);
            await().atMost(BOUND).until(() -> accepting.recorder(0).bytes.get() == data.length);
            assertThat(accepting.recorder(0).digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
            await().atMost(BOUND).until(() -> noValidationRunning(atServer.stats()));
            List<Integer> busySizes = drain(victim);
            System.out.printf("PathValidationTest busy: attacker sent %d datagrams, %d bytes; victim received %d "
                    + "datagrams, %d bytes%n", busy.sent.get(), busy.bytes.get(), busySizes.size(), sum(busySizes));
            assertThat(busy.sent.get()).isEqualTo(16);
            assertThat(sum(busySizes)).isLessThanOrEqualTo(3 * busy.bytes.get());
            assertThat(busySizes).as("only path records, never data").allMatch(n -> n <= PATH_RECORD_MAX_BYTES);

            ConnectionStats s = atServer.stats();
            assertThat(s.pathValidationsStarted()).isGreaterThanOrEqualTo(2);
            assertThat(s.pathValidationsSucceeded()).isZero();
            assertThat(atServer.remoteAddress()).isEqualTo(honest);
            assertThat(server.connections()).containsExactly(atServer);
            assertThat(accepting.connectionCloses).isEmpty();
        }
    }

    @Test
    void aCopyOfTheClientsFirstRecordSentAheadFromAnotherAddressDoesNotBecomeTheConnectionsAddress()
            throws Exception {
        Fixtures.Accepting accepting = new Fixtures.Accepting(Recorder::new);
        byte[] data = random(1 << 20, 24);
        try (UxpServer server = Fixtures.server(accepting).receiveSockets(1).start();
             UdpRelay relay = new UdpRelay(server.localAddress());
             UxpClient client = Fixtures.client().build();
             DatagramChannel victim = socket()) {
            // the hello is 1,200 bytes: the first datagram this short is the client's key-confirming record
            UdpRelay.Copier first = new UdpRelay.Copier(victim, 1, PATH_RECORD_MAX_BYTES);
            relay.upstreamCopier = first;
            Recorder clientSide = new Recorder();
            Connection c = Fixtures.connect(client, relay.address(), clientSide);
            Connection atServer = accepting.first.get(5, TimeUnit.SECONDS);
            assertThat(first.sent.get()).as("the copy went ahead of the first record").isEqualTo(1);
            assertThat(atServer.remoteAddress()).as("the hello's address, where the ServerHello went")
                    .isEqualTo(relay.upstreamAddress());

            Fixtures.sendAll(c, clientSide, data, 16_384);
            await().atMost(BOUND).until(() -> accepting.recorder(0).bytes.get() == data.length);
            assertThat(accepting.recorder(0).digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
            await().atMost(BOUND).until(() -> noValidationRunning(atServer.stats()));
            List<Integer> sizes = drain(victim);
            System.out.printf("PathValidationTest first record: attacker sent %d bytes, victim received %s%n",
                    first.bytes.get(), sizes);
            assertThat(sum(sizes)).isLessThanOrEqualTo(3 * first.bytes.get());
            assertThat(sizes).as("only path records, never data").allMatch(n -> n <= PATH_RECORD_MAX_BYTES);
            ConnectionStats s = atServer.stats();
            assertThat(s.pathValidationsStarted()).as("the copy's address was only a candidate").isEqualTo(1);
            assertThat(s.pathValidationsSucceeded()).isZero();
            assertThat(atServer.remoteAddress()).isEqualTo(relay.upstreamAddress());
        }
    }

    @Test
    void aLateCopyOfALostRecordSentFromAnotherAddressStartsNoValidation() throws Exception {
        Fixtures.Accepting accepting = new Fixtures.Accepting(Recorder::new);
        try (UxpServer server = Fixtures.server(accepting).receiveSockets(1).start();
             UdpRelay relay = new UdpRelay(server.localAddress());
             UxpClient client = Fixtures.client().build();
             DatagramChannel victim = socket();
             DatagramChannel control = socket()) {
            Connection c = Fixtures.connect(client, relay.address(), new Recorder());
            Connection atServer = accepting.first.get(5, TimeUnit.SECONDS);
            InetSocketAddress honest = atServer.remoteAddress();
            relay.withhold.set(1);
            c.send(ByteBuffer.wrap(new byte[100]));
            await().atMost(BOUND).until(() -> relay.withheld().size() == 1);
            c.send(ByteBuffer.wrap(new byte[100]));
            // KCP resends the lost message under a new packet number: the server is past the withheld one
            await().atMost(BOUND).until(() -> accepting.recorder(0).bytes.get() == 200);

            victim.send(ByteBuffer.wrap(relay.withheld().get(0)), server.localAddress());
            // a control from a third address: a fresh copy ahead of the original does start a validation, and
            // the server handles one connection's datagrams in order, so once the control's challenge arrived
            // the late copy was handled too (and any challenge to the victim sent before it)
            relay.upstreamCopier = new UdpRelay.Copier(control, 1, Integer.MAX_VALUE);
            c.send(ByteBuffer.wrap(new byte[100]));
            List<Integer> atControl = new ArrayList<>();
            await().atMost(BOUND).until(() -> {
                atControl.addAll(drain(control));
                return !atControl.isEmpty();
            });

            assertThat(drain(victim)).as("nothing went to the late copy's address").isEmpty();
            ConnectionStats s = atServer.stats();
            assertThat(s.pathValidationsStarted()).as("the control's only").isEqualTo(1);
            assertThat(s.dropped(DropReason.TOO_OLD)).isZero();
            assertThat(s.dropped(DropReason.AUTHENTICATION_FAILED)).isZero();
            // the late copy authenticated (it is no replay); the control's original is the one replay
            await().atMost(BOUND).until(() -> atServer.stats().dropped(DropReason.REPLAYED) == 1);
            assertThat(atControl).allMatch(n -> n <= PATH_RECORD_MAX_BYTES);
            assertThat(atServer.remoteAddress()).isEqualTo(honest);
            await().atMost(BOUND).until(() -> accepting.recorder(0).bytes.get() == 300);
        }
    }

    @Test
    void aCandidateThatNeverAnswersFailsAndTheConnectionStaysOnItsPath() throws Exception {
        Fixtures.Accepting accepting = new Fixtures.Accepting(Recorder::new);
        byte[] data = random(2 << 20, 22);
        int half = data.length / 2;
        try (UxpServer server = Fixtures.server(accepting).receiveSockets(1).start();
             UdpRelay relay = new UdpRelay(server.localAddress());
             UxpClient client = Fixtures.client().build()) {
            Recorder clientSide = new Recorder();
            Connection c = Fixtures.connect(client, relay.address(), clientSide);
            Connection atServer = accepting.first.get(5, TimeUnit.SECONDS);
            InetSocketAddress before = relay.upstreamAddress();
            assertThat(atServer.remoteAddress()).isEqualTo(before);
            Fixtures.sendAll(c, clientSide, Arrays.copyOf(data, half), 16_384);
            await().atMost(BOUND).until(() -> accepting.recorder(0).bytes.get() >= half / 2);

            // the client's datagrams now come from a new port, which never receives the server's
            relay.switchUpstreamOneWay();
            await().atMost(BOUND).until(() -> relay.switches.get() == 1);
            Fixtures.sendAll(c, clientSide, Arrays.copyOfRange(data, half, data.length), 16_384);
            await().atMost(BOUND).until(() -> atServer.stats().pathValidationsFailed() >= 1);
            await().atMost(BOUND).until(() -> accepting.recorder(0).bytes.get() == data.length);

            assertThat(accepting.recorder(0).digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
            assertThat(relay.lostAnswers.get()).as("challenges went to the new port").isPositive();
            assertThat(atServer.stats().pathValidationsSucceeded()).isZero();
            assertThat(atServer.remoteAddress()).isEqualTo(before);
            assertThat(server.connections()).containsExactly(atServer);
            assertThat(accepting.connectionCloses).isEmpty();
        }
    }

    @Test
    void theClientDropsRecordsFromAnySourceButTheServersAddress() throws Exception {
        Fixtures.Accepting accepting = new Fixtures.Accepting(Recorder::new);
        byte[] data = random(1 << 20, 23);
        try (UxpServer server = Fixtures.server(accepting).receiveSockets(1).start();
             UdpRelay relay = new UdpRelay(server.localAddress());
             UxpClient client = Fixtures.client().build();
             DatagramChannel intruder = socket()) {
            Recorder clientSide = new Recorder();
            Connection c = Fixtures.connect(client, relay.address(), clientSide);
            // copies of the server's next 8 records reach the client first, from another address
            UdpRelay.Copier copier = new UdpRelay.Copier(intruder, 8, Integer.MAX_VALUE);
            relay.downstreamCopier = copier;
            Fixtures.sendAll(c, clientSide, data, 16_384);
            await().atMost(BOUND).until(() -> accepting.recorder(0).bytes.get() == data.length);
            await().atMost(BOUND).until(() -> c.stats().dropped(DropReason.UNEXPECTED_SOURCE) == 8);

            assertThat(copier.sent.get()).isEqualTo(8);
            assertThat(c.stats().dropped(DropReason.REPLAYED))
                    .as("the copies changed nothing: each original was accepted after its copy").isZero();
            assertThat(c.remoteAddress()).isEqualTo(relay.address());
            assertThat(accepting.recorder(0).digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
            assertThat(clientSide.closes).isEmpty();
        }
    }
}
