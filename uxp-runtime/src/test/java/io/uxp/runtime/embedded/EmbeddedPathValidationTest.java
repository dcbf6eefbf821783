package io.uxp.runtime.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.Connection;
import io.uxp.api.ConnectionStats;
import io.uxp.api.DropReason;
import io.uxp.testkit.LinkSimulator;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An on-path attacker who copies the client's genuine records and sends each copy from another address, ahead
 * of the original: the copy authenticates (it is the client's record), so its address becomes a candidate and
 * gets PATH_CHALLENGEs, within 3x the bytes the attacker sent; but the connection's records keep going to the
 * validated address, since the candidate never answers (docs/PROTOCOL.md section 9.1). The wall-clock cases
 * over a UDP relay are in {@code PathValidationTest}.
 */
class EmbeddedPathValidationTest {

    /** Longest record that is not data: a challenge is 42 bytes with the built-in ciphers. */
    private static final int PATH_RECORD_MAX_BYTES = 64;
    /** Where the attacker's copies come from (TEST-NET-3): a victim that never answers a challenge. */
    private static final InetSocketAddress VICTIM = EmbeddedEnvironment.address(203, 0, 113, 66, 5_555);
    /** The client's path, one way; the attacker's is shorter, so that a copy overtakes its original. */
    private static final int CLIENT_PATH_MILLIS = 20;
    private static final int ATTACKER_PATH_MILLIS = 2;
    private static final int COPIES = 16;

    /** Copies the client's next {@link #COPIES} datagrams to the server and sends each from {@link #VICTIM}. */
    private static final class Attacker {
        final List<Integer> atVictim = new ArrayList<>();
        int copies;
        long copiedBytes;
        boolean on;

        void watch(EmbeddedHarness h, InetSocketAddress client) {
            h.network().attach(VICTIM, (from, buf, off, len) -> atVictim.add(len));
            h.network().tap((from, to, buf, off, len, nowMicros) -> {
                if (on && copies < COPIES && from.equals(client) && to.equals(EmbeddedHarness.SERVER)) {
                    copies++;
                    copiedBytes += len;
                    h.network().send(VICTIM, to, Arrays.copyOfRange(buf, off, off + len), 0, len, nowMicros);
                }
            });
        }

        long victimBytes() {
            return atVictim.stream().mapToLong(Integer::longValue).sum();
        }
    }

    private static EmbeddedHarness harness() {
        // the first path made is the client's (its handshake), the next the attacker's
        int[] made = {0};
        return new EmbeddedHarness(41, s -> {
            int d = made[0]++ == 0 ? CLIENT_PATH_MILLIS : ATTACKER_PATH_MILLIS;
            return LinkSimulator.builder().seed(s).delay(d, d).build();
        });
    }

    private static boolean noValidationRunning(ConnectionStats s) {
        return s.pathValidationsStarted() == s.pathValidationsSucceeded() + s.pathValidationsFailed();
    }

    @Test
    void copiesOfTheClientsRecordsResentAheadFromAnotherAddressNeverRedirectTheServersSends() {
        EmbeddedHarness h = harness();
        EmbeddedFixtures.Connected run = EmbeddedFixtures.connected(h);
        EmbeddedFixtures.Accepting accepting = run.accepting();
        Peer clientSide = run.clientSide();
        Connection c = run.atClient();
        Connection atServer = run.atServer();
        InetSocketAddress honest = atServer.remoteAddress();
        Attacker attacker = new Attacker();
        attacker.watch(h, honest);

        // the server sends 1 MiB; a quarter in, the attacker copies the client's next records (its ACKs)
        long total = 1 << 20;
        long[] sent = {0};
        assertThat(h.runUntil(() -> (sent[0] = Peer.pump(atServer, sent[0], total, 8_192)) >= total / 4
                && clientSide.bytes >= total / 4, 10_000)).isTrue();
        attacker.on = true;
        boolean[] moved = {false};
        assertThat(h.runUntil(() -> {
            moved[0] |= !atServer.remoteAddress().equals(honest);
            return (sent[0] = Peer.pump(atServer, sent[0], total, 8_192)) == total && clientSide.bytes == total;
        }, 30_000)).isTrue();
        assertThat(h.runUntil(() -> noValidationRunning(h.inside(atServer::stats)), 30_000)).isTrue();

        System.out.printf("EmbeddedPathValidationTest: attacker sent %d copies, %d bytes; the victim received %s = "
                + "%d bytes%n", attacker.copies, attacker.copiedBytes, attacker.atVictim, attacker.victimBytes());
        assertThat(attacker.copies).isEqualTo(COPIES);
        assertThat(moved[0]).as("the connection's address changed during the attack").isFalse();
        assertThat(atServer.remoteAddress()).isEqualTo(honest);
        assertThat(attacker.atVictim).as("challenges went to the copies' address").isNotEmpty()
                .as("only path records, never data").allMatch(n -> n <= PATH_RECORD_MAX_BYTES);
        assertThat(attacker.victimBytes()).isLessThanOrEqualTo(3 * attacker.copiedBytes);
        assertThat(clientSide.firstWrongByte).isEqualTo(-1);
        ConnectionStats s = h.inside(atServer::stats);
        assertThat(s.pathValidationsStarted()).isPositive();
        assertThat(s.pathValidationsSucceeded()).isZero();
        assertThat(s.dropped(DropReason.REPLAYED)).as("each original arrived after its copy").isEqualTo(COPIES);
        assertThat(c.isOpen()).isTrue();
        assertThat(clientSide.closes).isEmpty();
        assertThat(accepting.connectionCloses).isEmpty();
        h.close(run.client());
        h.close(run.server());
    }
}
