package io.uxp.runtime.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.HandshakeException.Reason;
import io.uxp.runtime.ClientSecurity;
import io.uxp.runtime.ServerSecurity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientTimerTest {

    @Test
    void theClientRetransmitsWithDoublingBackoffCappedAtTwoSecondsThenTimesOutAfterTenSeconds() {
        Peers p = new Peers(ClientSecurity.unauthenticated(), ServerSecurity.unauthenticated());
        long start = p.now;
        byte[] hello = p.client.start(p.now);
        List<Long> sends = new ArrayList<>();
        ClientHandshake.Step step = ClientHandshake.Step.IGNORED;
        for (int i = 0; i < 100 && step != ClientHandshake.Step.FAILED; i++) {
            p.now = p.client.nextTimeoutMillis();
            step = p.client.onTimeout(p.now);
            if (step == ClientHandshake.Step.SEND) {
                sends.add(p.now - start);
                assertThat(p.client.outgoing()).isEqualTo(hello);
            }
        }
        // 250 ms doubling: 250, 750 (250 + 500), 1750, 3750, then every 2 s up to the 10 s timeout.
        assertThat(sends).containsExactly(250L, 750L, 1750L, 3750L, 5750L, 7750L, 9750L);
        assertThat(step).isEqualTo(ClientHandshake.Step.FAILED);
        assertThat(p.now - start).isEqualTo(10_000);
        assertThat(p.client.failure().reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(p.client.nextTimeoutMillis()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aRetransmittedHelloAfterALostServerHelloStillCompletes() {
        Peers p = new Peers(ClientSecurity.unauthenticated(), ServerSecurity.unauthenticated());
        p.toServer(p.client.start(p.now));
        // the ServerHello is lost
        p.now = p.client.nextTimeoutMillis();
        assertThat(p.client.onTimeout(p.now)).isEqualTo(ClientHandshake.Step.SEND);
        assertThat(p.toServer(p.client.outgoing())).isEqualTo(ServerHandshake.Outcome.REPLY);
        assertThat(p.toClient(p.server.reply())).isEqualTo(ClientHandshake.Step.ESTABLISHED);
        assertThat(p.toServer(p.clientKeepalive())).isEqualTo(ServerHandshake.Outcome.ESTABLISHED);
    }
}
