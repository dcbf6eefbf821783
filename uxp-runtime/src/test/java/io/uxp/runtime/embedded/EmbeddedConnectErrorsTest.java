package io.uxp.runtime.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.Connection;
import io.uxp.api.DropReason;
import io.uxp.api.HandshakeException;
import io.uxp.api.HandshakeException.Reason;
import io.uxp.runtime.ClientSecurity;
import io.uxp.runtime.FecOffer;
import io.uxp.runtime.HandshakeLimits;
import io.uxp.runtime.ProviderPreferences;
import io.uxp.runtime.ServerKeyPair;
import io.uxp.runtime.UxpClient;
import io.uxp.runtime.UxpServer;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * connect()'s future fails with a reason code and a message that names the fix, at the time the handshake's
 * timers say (virtual time, so the 2-second failure grace costs nothing). Moved from the wall-clock
 * {@code ConnectErrorsTest}, which keeps the cases that need real sockets.
 */
class EmbeddedConnectErrorsTest {

    private static final HandshakeLimits QUICK = new HandshakeLimits(600, 100, 200, 1_024, 256, false, 20, 40, 4_096);

    private static HandshakeException failure(EmbeddedHarness h, CompletableFuture<Connection> connect) {
        assertThat(h.runUntil(connect::isDone, 20_000)).as("connect settled").isTrue();
        assertThat(connect).isCompletedExceptionally();
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(connect::join);
        assertThat(t).isInstanceOf(CompletionException.class).cause().isInstanceOf(HandshakeException.class);
        return (HandshakeException) t.getCause();
    }

    @Test
    void aSilentAddressTimesOutExactlyAtTheHandshakeTimeout() {
        EmbeddedHarness h = EmbeddedHarness.withDelay(41, 5);
        UxpClient client = h.client(EmbeddedFixtures.client().handshakeLimits(QUICK));
        long start = h.nowMillis();
        // nobody listens at the server's address
        HandshakeException e = failure(h, client.connect(EmbeddedHarness.SERVER, new Peer(h::nowMillis, false)));
        assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(e.getMessage()).contains("600 ms").contains("check the address");
        assertThat(h.nowMillis() - start).isEqualTo(600);
        h.close(client);
    }

    @Test
    void aServerAtItsConnectionLimitRefusesFurtherHandshakesAndSaysWhy() {
        EmbeddedHarness h = EmbeddedHarness.withDelay(42, 5);
        EmbeddedFixtures.Accepting accepting = new EmbeddedFixtures.Accepting(h, false);
        UxpServer server = h.server(EmbeddedFixtures.server(accepting).maxConnections(1));
        UxpClient first = h.client(EmbeddedFixtures.client());
        UxpClient client = h.client(EmbeddedFixtures.client().handshakeLimits(QUICK));
        h.await(first.connect(EmbeddedHarness.SERVER, new Peer(h::nowMillis, false)), 5_000);
        assertThat(h.runUntil(() -> server.connections().size() == 1, 1_000)).isTrue();
        HandshakeException e = failure(h, client.connect(EmbeddedHarness.SERVER, new Peer(h::nowMillis, false)));
        assertThat(e.reason()).isEqualTo(Reason.REJECTED);
        assertThat(e.getMessage()).contains("limit of 1 connections").contains("maxConnections");
        assertThat(server.connections()).hasSize(1);
        assertThat(server.stats().dropped(DropReason.HANDSHAKE_LIMITED)).isPositive();
        h.close(first);
        h.close(client);
        h.close(server);
    }

    @Test
    void disjointCipherListsFailWithNoCommonProviderAfterTheFailureGrace() {
        EmbeddedHarness h = EmbeddedHarness.withDelay(43, 5);
        ProviderPreferences serverPrefs = new ProviderPreferences(List.of("xsalsa20-poly1305"),
                List.of(FecOffer.NONE), List.of("kcp"));
        ProviderPreferences clientPrefs = new ProviderPreferences(List.of("chacha20-poly1305"),
                List.of(FecOffer.NONE), List.of("kcp"));
        UxpServer server = h.server(EmbeddedFixtures.server(new EmbeddedFixtures.Accepting(h, false))
                .preferences(serverPrefs));
        UxpClient client = h.client(EmbeddedFixtures.client().preferences(clientPrefs));
        long start = h.nowMillis();
        HandshakeException e = failure(h, client.connect(EmbeddedHarness.SERVER, new Peer(h::nowMillis, false)));
        assertThat(e.reason()).isEqualTo(Reason.NO_COMMON_PROVIDER);
        assertThat(e.getMessage()).contains("chacha20-poly1305").contains("xsalsa20-poly1305");
        // the unauthenticated Reject stands once no ServerHello came within the grace (2 s) after it arrived
        assertThat(h.nowMillis() - start).isBetween(2_000L, 2_000L + 10);
        h.close(client);
        h.close(server);
    }

    @Test
    void aWrongPinnedKeyFailsWithAuthenticationFailedAfterTheFailureGrace() {
        EmbeddedHarness h = EmbeddedHarness.withDelay(44, 5);
        UxpServer server = h.server(EmbeddedFixtures.server(new EmbeddedFixtures.Accepting(h, false)));
        UxpClient client = h.client(UxpClient.builder()
                .security(ClientSecurity.pinnedServerKey(ServerKeyPair.generate(new SecureRandom()).publicKey())));
        long start = h.nowMillis();
        HandshakeException e = failure(h, client.connect(EmbeddedHarness.SERVER, new Peer(h::nowMillis, false)));
        assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION_FAILED);
        assertThat(e.getMessage()).contains("pinned");
        assertThat(h.nowMillis() - start).isBetween(2_000L, 2_000L + 10);
        h.close(client);
        h.close(server);
    }
}
