package io.uxp.runtime.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.DropReason;
import io.uxp.api.HandshakeException;
import io.uxp.runtime.ClientSecurity;
import io.uxp.runtime.ServerKeyPair;
import io.uxp.runtime.ServerSecurity;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A server at its connection cap answers a ClientHello with a stateless Reject that names the limit. */
class RefuseTest {

    private static final ServerKeyPair KEY = ServerKeyPair.generate(new SplittableRandom(5));

    @Test
    void aRefusedHelloGetsARejectTheClientReportsAsRejectedWithTheMessage() {
        Peers p = new Peers(ClientSecurity.pinnedServerKey(KEY.publicKey()), ServerSecurity.staticKey(KEY));
        byte[] hello = p.client.start(p.now);
        assertThat(p.server.refuse(Peers.CLIENT_ADDRESS, hello, 0, hello.length, "full: raise maxConnections", p.now))
                .isEqualTo(ServerHandshake.Outcome.REPLY);
        assertThat(p.server.pendingCount()).isZero();
        assertThat(p.server.reply().length).isLessThan(hello.length);
        assertThat(p.settle(p.toClient(p.server.reply()))).isEqualTo(ClientHandshake.Step.FAILED);
        assertThat(p.client.failure().reason()).isEqualTo(HandshakeException.Reason.REJECTED);
        assertThat(p.client.failure().getMessage()).contains("full: raise maxConnections");
    }

    @Test
    void aShortHelloIsNeverAnsweredEvenWhenRefused() {
        Peers p = new Peers(ClientSecurity.pinnedServerKey(KEY.publicKey()), ServerSecurity.staticKey(KEY));
        byte[] hello = p.client.start(p.now);
        byte[] shortHello = Arrays.copyOf(hello, 100);
        assertThat(p.server.refuse(Peers.CLIENT_ADDRESS, shortHello, 0, shortHello.length, "full", p.now))
                .isEqualTo(ServerHandshake.Outcome.DROPPED);
        assertThat(p.server.dropReason()).isEqualTo(DropReason.HANDSHAKE_INVALID);
    }
}
