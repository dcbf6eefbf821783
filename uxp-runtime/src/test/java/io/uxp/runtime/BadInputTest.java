package io.uxp.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.uxp.api.Connection;
import io.uxp.api.DropReason;
import io.uxp.api.SendResult;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Garbage, truncated and replayed datagrams thrown at a live server during a transfer are dropped and counted
 * by reason, and the established transfer finishes intact on the same connection and address.
 */
class BadInputTest {

    /** Attack rounds at least, whatever the transfer's speed, and at most. */
    private static final int MIN_ATTACKS = 8;
    private static final int MAX_ATTACKS = 40;

    @Test
    void garbageTruncatedAndReplayedDatagramsLeaveAnEstablishedTransferIntact() throws Exception {
        Fixtures.Accepting accepting = new Fixtures.Accepting(Recorder::new);
        byte[] data = new byte[3 << 20];
        new SplittableRandom(11).nextBytes(data);
        SplittableRandom noise = new SplittableRandom(12);
        try (UxpServer server = Fixtures.server(accepting).start();
             UdpRelay relay = new UdpRelay(server.localAddress());
             UxpClient client = Fixtures.client().build();
             DatagramChannel attacker = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            relay.capture = true;
            Recorder clientSide = new Recorder();
            Connection c = Fixtures.connect(client, relay.address(), clientSide);
            Connection atServer = accepting.first.get();
            InetSocketAddress clientAddress = atServer.remoteAddress();
            int sent = 0;
            int attacks = 0;
            int full = 0; // rounds that had captured records to replay, truncate and forge
            for (int off = 0; off < data.length; ) {
                int n = Math.min(8_192, data.length - off);
                if (c.send(ByteBuffer.wrap(data, off, n)) == SendResult.ACCEPTED) {
                    off += n;
                    sent++;
                } else {
                    await().atMost(Duration.ofSeconds(20)).until(c::isWritable);
                }
                if (sent % 16 == 0 && attacks < MAX_ATTACKS) {
                    attacks++;
                    full += attack(attacker, server.localAddress(), relay.captured(), noise) ? 1 : 0;
                }
            }
            // with a window larger than the data the loop above never waits (its rounds may all come before any
            // record left the client), so attack while the transfer runs: each attack waits (bounded) for the relay
            // to capture a new datagram, so replays have fresh material; at least MIN_ATTACKS full rounds in all
            while (full < MIN_ATTACKS || (attacks < MAX_ATTACKS && accepting.recorder(0).bytes.get() < data.length)) {
                int seen = relay.captured().size();
                attacks++;
                full += attack(attacker, server.localAddress(), relay.captured(), noise) ? 1 : 0;
                if (accepting.recorder(0).bytes.get() < data.length) {
                    await().atMost(Duration.ofSeconds(5)).until(() -> relay.captured().size() > seen
                            || accepting.recorder(0).bytes.get() == data.length);
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> accepting.recorder(0).bytes.get() == data.length);
            assertThat(accepting.recorder(0).digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
            assertThat(atServer.isOpen()).isTrue();
            assertThat(atServer.remoteAddress()).isEqualTo(clientAddress);
            assertThat(server.connections()).containsExactly(atServer);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                var stats = server.stats();
                assertThat(stats.dropped(DropReason.REPLAYED)).isPositive();
                assertThat(stats.dropped(DropReason.AUTHENTICATION_FAILED)).isPositive();
                assertThat(stats.dropped(DropReason.MALFORMED) + stats.dropped(DropReason.HANDSHAKE_INVALID))
                        .isPositive();
                assertThat(stats.dropped(DropReason.UNKNOWN_CONNECTION)).isPositive();
            });
            assertThat(atServer.stats().dropped(DropReason.REPLAYED)).isPositive();
            assertThat(accepting.connectionCloses).isEmpty();
        }
    }

    /**
     * One round: a replay, a truncation, a forgery, pure garbage, a record for an unknown ID, and empties.
     *
     * @return whether there were captured records to replay (else only the garbage and the empties went)
     */
    private static boolean attack(DatagramChannel attacker, InetSocketAddress server, List<byte[]> captured,
            SplittableRandom noise) throws Exception {
        if (captured.size() > 2) {
            byte[] old = captured.get(1 + noise.nextInt(captured.size() - 1));
            attacker.send(ByteBuffer.wrap(old), server);
            attacker.send(ByteBuffer.wrap(Arrays.copyOf(old, old.length / 2)), server);
            // a forgery: a packet number never used (so the replay check passes) over a body that cannot verify
            byte[] forged = old.clone();
            ByteBuffer.wrap(forged, 9, 8).putLong((1L << 40) + noise.nextInt(1 << 20));
            forged[forged.length - 1] ^= 0x01;
            attacker.send(ByteBuffer.wrap(forged), server);
            byte[] unknown = old.clone();
            unknown[3] ^= 0x55;
            attacker.send(ByteBuffer.wrap(unknown), server);
        }
        byte[] garbage = new byte[1 + noise.nextInt(1_400)];
        noise.nextBytes(garbage);
        attacker.send(ByteBuffer.wrap(garbage), server);
        attacker.send(ByteBuffer.wrap(new byte[] {0x10}), server);
        attacker.send(ByteBuffer.allocate(0), server);
        return captured.size() > 2;
    }
}
