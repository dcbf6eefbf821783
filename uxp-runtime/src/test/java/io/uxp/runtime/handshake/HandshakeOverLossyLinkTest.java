package io.uxp.runtime.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.HandshakeException.Reason;
import io.uxp.runtime.ClientSecurity;
import io.uxp.runtime.HandshakeLimits;
import io.uxp.runtime.KeyUpdatePolicy;
import io.uxp.runtime.ProviderPreferences;
import io.uxp.runtime.ServerKeyPair;
import io.uxp.runtime.ServerSecurity;
import io.uxp.testkit.LinkSimulator;
import io.uxp.testkit.LinkSimulator.Side;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Whole handshakes across a seeded simulated link that loses 30% of datagrams, duplicates and reorders them:
 * retransmission and idempotent answers get nearly all of them through, every failure is a clean timeout,
 * nothing leaks on the server, and the unvalidated address never receives more than 3x what it sent.
 */
class HandshakeOverLossyLinkTest {

    private static final ServerKeyPair KEY = ServerKeyPair.generate(new SplittableRandom(12));
    private static final int RUNS = 40;
    /** The client re-sends a confirming record this often until the server has seen one (the runtime's job). */
    private static final long CONFIRM_INTERVAL_MILLIS = 200;

    @Test
    void handshakesCompleteAcrossALossyDuplicatingReorderingLink() {
        int completed = 0;
        for (int seed = 0; seed < RUNS; seed++) {
            if (run(seed)) {
                completed++;
            }
        }
        // Each ClientHello/ServerHello exchange survives with probability 0.49; seven tries in 10 s.
        assertThat(completed).isGreaterThanOrEqualTo(RUNS - 2);
    }

    private static boolean run(long seed) {
        Peers p = new Peers(ClientSecurity.pinnedServerKey(KEY.publicKey()), ServerSecurity.staticKey(KEY),
                ProviderPreferences.defaults(), ProviderPreferences.defaults(), HandshakeLimits.defaults(),
                KeyUpdatePolicy.defaults(), seed * 31);
        LinkSimulator link = LinkSimulator.builder().seed(seed).loss(0.3).delay(5, 60).duplicate(0.1)
                .reorder(0.1, 50).build();
        long[] toServer = {0};
        long[] fromServer = {0};
        boolean[] serverDone = {false};
        long[] nextConfirm = {Long.MAX_VALUE};
        byte[] hello = p.client.start(p.now);
        link.send(Side.A, hello, 0, hello.length, p.now);
        for (int step = 0; step < 10_000 && !serverDone[0]; step++) {
            long next = Math.min(link.nextDeliveryMillis(), Math.min(p.client.nextTimeoutMillis(), nextConfirm[0]));
            if (next == Long.MAX_VALUE) {
                break;
            }
            p.now = Math.max(p.now, next);
            link.deliverDue(p.now, (to, buf, off, len) -> {
                if (to == Side.B) {
                    toServer[0] += len;
                    ServerHandshake.Outcome o = p.server.onDatagram(Peers.CLIENT_ADDRESS, buf, off, len, p.now);
                    if (o == ServerHandshake.Outcome.REPLY) {
                        byte[] reply = p.server.reply();
                        fromServer[0] += reply.length;
                        assertThat(fromServer[0]).isLessThanOrEqualTo(3 * toServer[0]);
                        link.send(Side.B, reply, 0, reply.length, p.now);
                    } else if (o == ServerHandshake.Outcome.ESTABLISHED) {
                        serverDone[0] = true;
                    }
                } else if (p.client.session() == null) {
                    ClientHandshake.Step s = p.client.onDatagram(buf, off, len, p.now);
                    if (s == ClientHandshake.Step.SEND) {
                        link.send(Side.A, p.client.outgoing(), 0, p.client.outgoing().length, p.now);
                    } else if (s == ClientHandshake.Step.ESTABLISHED) {
                        nextConfirm[0] = p.now;
                    }
                }
            });
            if (p.client.session() == null && p.now >= p.client.nextTimeoutMillis()) {
                if (p.client.onTimeout(p.now) == ClientHandshake.Step.SEND) {
                    link.send(Side.A, p.client.outgoing(), 0, p.client.outgoing().length, p.now);
                }
            }
            if (p.client.session() != null && p.now >= nextConfirm[0]) {
                byte[] record = p.clientKeepalive();
                link.send(Side.A, record, 0, record.length, p.now);
                nextConfirm[0] = p.now + CONFIRM_INTERVAL_MILLIS;
            }
            if (p.client.failure() != null) {
                break;
            }
        }
        if (p.client.failure() != null) {
            assertThat(p.client.failure().reason()).isEqualTo(Reason.TIMEOUT);
        }
        p.server.onTimeout(p.now + HandshakeLimits.defaults().handshakeTimeoutMillis());
        assertThat(p.server.pendingCount()).as("no pending state outlives the handshake timeout").isZero();
        return serverDone[0];
    }
}
