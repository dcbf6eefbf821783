package io.uxp.runtime.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.HandshakeException.Reason;
import io.uxp.api.spi.ProviderRegistry;
import io.uxp.runtime.ClientSecurity;
import io.uxp.runtime.FecOffer;
import io.uxp.runtime.HandshakeLimits;
import io.uxp.runtime.KeyUpdatePolicy;
import io.uxp.runtime.ProviderPreferences;
import io.uxp.runtime.ServerSecurity;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NegotiationFailureTest {

    @Test
    void aClientWhoseOffersTheServerCannotMeetFailsAfterTheGraceWithNoCommonProviderAndTheServersReason() {
        ProviderRegistry salsaOnly = ProviderRegistry.of(List.of(Peers.REGISTRY.cipher("xsalsa20-poly1305")),
                Peers.REGISTRY.fecs(), Peers.REGISTRY.congestionControls());
        ClientHandshake client = new ClientHandshake(ClientSecurity.unauthenticated(), Peers.REGISTRY,
                new ProviderPreferences(List.of("chacha20-poly1305"), List.of(FecOffer.NONE), List.of("kcp")),
                HandshakeLimits.defaults(), KeyUpdatePolicy.defaults(), new SplittableRandom(1));
        KeyExchange work = new KeyExchange();
        ServerHandshake server = new ServerHandshake(ServerSecurity.unauthenticated(), salsaOnly,
                ProviderPreferences.defaults(), HandshakeLimits.defaults(), KeyUpdatePolicy.defaults(),
                new SplittableRandom(2), 0, work);

        byte[] hello = client.start(0);
        assertThat(server.onDatagram(Peers.CLIENT_ADDRESS, hello, 0, hello.length, 0))
                .isEqualTo(ServerHandshake.Outcome.REPLY);
        byte[] reject = server.reply();
        // An unauthenticated Reject is a verdict that stands once the grace passes without a valid ServerHello.
        assertThat(client.onDatagram(reject, 0, reject.length, 1)).isEqualTo(ClientHandshake.Step.IGNORED);
        long graceEnd = 1 + HandshakeLimits.defaults().failureGraceMillis();
        long t = client.nextTimeoutMillis();
        while (t < graceEnd) {
            assertThat(client.onTimeout(t)).isEqualTo(ClientHandshake.Step.SEND);
            t = client.nextTimeoutMillis();
        }
        assertThat(t).isEqualTo(graceEnd);
        ClientHandshake.Step step = client.onTimeout(t);

        assertThat(step).isEqualTo(ClientHandshake.Step.FAILED);
        assertThat(client.failure().reason()).isEqualTo(Reason.NO_COMMON_PROVIDER);
        assertThat(client.failure()).hasMessageContaining("client offered [chacha20-poly1305]")
                .hasMessageContaining("add io.uxp:uxp-crypto-chacha");
        assertThat(work.scalarMultiplications()).isZero();
        assertThat(server.pendingCount()).isZero();
    }

    @Test
    void aHelloOfAnotherVersionGetsARejectNamingTheServersVersion() {
        Peers p = new Peers(ClientSecurity.unauthenticated(), ServerSecurity.unauthenticated());
        byte[] hello = p.client.start(p.now);
        hello[2] = 2; // version 2

        p.toServer(hello);
        ClientHandshake.Step step = p.settle(p.toClient(p.server.reply()));

        assertThat(step).isEqualTo(ClientHandshake.Step.FAILED);
        assertThat(p.client.failure().reason()).isEqualTo(Reason.VERSION_MISMATCH);
    }

    @Test
    void aRejectForAnotherConnectionIdIsIgnored() {
        Peers p = new Peers(ClientSecurity.unauthenticated(), ServerSecurity.unauthenticated());
        p.client.start(p.now);
        byte[] reject = new Reject(Wire.VERSION, p.client.connectionId() + 1, Wire.REJECT_REFUSED, "no").encode();

        assertThat(p.toClient(reject)).isEqualTo(ClientHandshake.Step.IGNORED);
    }
}
