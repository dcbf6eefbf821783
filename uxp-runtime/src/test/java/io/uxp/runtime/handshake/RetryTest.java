package io.uxp.runtime.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.HandshakeException.Reason;
import io.uxp.runtime.ClientSecurity;
import io.uxp.runtime.HandshakeLimits;
import io.uxp.runtime.KeyUpdatePolicy;
import io.uxp.runtime.ProviderPreferences;
import io.uxp.runtime.ServerKeyPair;
import io.uxp.runtime.ServerSecurity;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Retries, Rejects and ServerHellos the client cannot authenticate: it answers one Retry, the server accepts the
 * cookie of the current and the previous slot, and no forgery from someone who knows the client's connection ID
 * ends a handshake before its grace.
 */
class RetryTest {

    private static final ServerKeyPair KEY = ServerKeyPair.generate(new SplittableRandom(5));

    private static Peers peers(HandshakeLimits limits, long seed) {
        return new Peers(ClientSecurity.pinnedServerKey(KEY.publicKey()), ServerSecurity.staticKey(KEY),
                ProviderPreferences.defaults(), ProviderPreferences.defaults(), limits, KeyUpdatePolicy.defaults(),
                seed);
    }

    private static byte[] forgedRetry(Peers p) {
        byte[] cookie = new byte[Wire.COOKIE_BYTES];
        Arrays.fill(cookie, (byte) 0x5a);
        return new Retry(p.client.connectionId(), cookie).encode();
    }

    @Test
    void twoRetriesAcrossACookieSlotBoundaryDoNotFailAnHonestHandshake() {
        Peers p = peers(HandshakeLimits.defaults().withAlwaysRequireCookie(true), 21);
        long boundary = (p.now / CookieProtector.SLOT_MILLIS + 1) * CookieProtector.SLOT_MILLIS;
        p.now = boundary - 1;
        byte[] hello = p.client.start(p.now);

        // The cookie-less hello arrives twice (a duplicate on the path), once on each side of a slot boundary:
        // the server answers each with a Retry, and the two cookies differ.
        assertThat(p.toServer(hello)).isEqualTo(ServerHandshake.Outcome.REPLY);
        byte[] firstRetry = p.server.reply();
        p.now = boundary;
        assertThat(p.toServer(hello)).isEqualTo(ServerHandshake.Outcome.REPLY);
        byte[] secondRetry = p.server.reply();
        assertThat(firstRetry[0]).isEqualTo(Wire.TYPE_RETRY);
        assertThat(secondRetry[0]).isEqualTo(Wire.TYPE_RETRY);
        assertThat(secondRetry).isNotEqualTo(firstRetry);

        // The client answers the first Retry; the server accepts that cookie from the previous slot.
        assertThat(p.toClient(firstRetry)).isEqualTo(ClientHandshake.Step.SEND);
        assertThat(p.toServer(p.client.outgoing())).isEqualTo(ServerHandshake.Outcome.REPLY);
        byte[] serverHello = p.server.reply();
        assertThat(serverHello[0]).isEqualTo(Wire.TYPE_SERVER_HELLO);

        // The second Retry arrives before the ServerHello: it must not change the hello the ServerHello covers.
        assertThat(p.toClient(secondRetry)).isEqualTo(ClientHandshake.Step.IGNORED);
        assertThat(p.toClient(serverHello)).isEqualTo(ClientHandshake.Step.ESTABLISHED);
        assertThat(p.toServer(p.clientKeepalive())).isEqualTo(ServerHandshake.Outcome.ESTABLISHED);
    }

    @Test
    void afterAnsweringARetryTheClientRetransmitsTheHelloWithThatCookieWhateverRetriesFollow() {
        Peers p = peers(HandshakeLimits.defaults().withAlwaysRequireCookie(true), 22);
        byte[] hello = p.client.start(p.now);
        p.toServer(hello);
        p.toClient(p.server.reply());
        byte[] withCookie = p.client.outgoing();

        assertThat(p.toClient(forgedRetry(p))).isEqualTo(ClientHandshake.Step.IGNORED);
        p.now = p.client.nextTimeoutMillis();

        assertThat(p.client.onTimeout(p.now)).isEqualTo(ClientHandshake.Step.SEND);
        assertThat(p.client.outgoing()).isEqualTo(withCookie);
    }

    @Test
    void aForgedRetryCannotBreakAHandshakeTheServerAnsweredWithoutACookie() {
        Peers p = peers(HandshakeLimits.defaults(), 23);
        byte[] hello = p.client.start(p.now);
        assertThat(p.toServer(hello)).isEqualTo(ServerHandshake.Outcome.REPLY);
        byte[] serverHello = p.server.reply();

        // An observer who saw the hello races the server with a Retry of its own: the client follows it...
        assertThat(p.toClient(forgedRetry(p))).isEqualTo(ClientHandshake.Step.SEND);
        // ...but still accepts the ServerHello that confirms the hello it sent first.
        assertThat(p.toClient(serverHello)).isEqualTo(ClientHandshake.Step.ESTABLISHED);
        assertThat(p.toServer(p.clientKeepalive())).isEqualTo(ServerHandshake.Outcome.ESTABLISHED);
    }

    @Test
    void aForgedRejectIsOverruledByTheServersServerHello() {
        Peers p = peers(HandshakeLimits.defaults(), 24);
        p.toServer(p.client.start(p.now));
        byte[] serverHello = p.server.reply();
        byte[] reject = new Reject(Wire.VERSION, p.client.connectionId(), Wire.REJECT_REFUSED, "go away").encode();

        assertThat(p.toClient(reject)).isEqualTo(ClientHandshake.Step.IGNORED);
        p.now += 10;
        assertThat(p.toClient(serverHello)).isEqualTo(ClientHandshake.Step.ESTABLISHED);
    }

    @Test
    void aForgedServerHelloIsOverruledByTheServersServerHello() {
        Peers p = peers(HandshakeLimits.defaults(), 25);
        p.toServer(p.client.start(p.now));
        byte[] serverHello = p.server.reply();
        byte[] forged = serverHello.clone();
        forged[forged.length - 1] ^= 1; // any confirmation but the server's

        assertThat(p.toClient(forged)).isEqualTo(ClientHandshake.Step.IGNORED);
        assertThat(p.toClient(serverHello)).isEqualTo(ClientHandshake.Step.ESTABLISHED);
    }

    @Test
    void aRejectEndsTheHandshakeWithItsReasonAndMessageWhenTheGracePassesWithoutAServerHello() {
        HandshakeLimits limits = HandshakeLimits.defaults();
        Peers p = peers(limits, 26);
        p.client.start(p.now);
        long rejectedAt = p.now;
        byte[] reject = new Reject(Wire.VERSION, p.client.connectionId(), Wire.REJECT_REFUSED, "full").encode();

        assertThat(p.settle(p.toClient(reject))).isEqualTo(ClientHandshake.Step.FAILED);

        assertThat(p.now - rejectedAt).isEqualTo(limits.failureGraceMillis());
        assertThat(p.client.failure().reason()).isEqualTo(Reason.REJECTED);
        assertThat(p.client.failure()).hasMessageContaining("full");
    }

    @Test
    void withAGraceLongerThanTheTimeoutTheRejectsReasonIsTheTimeoutsError() {
        HandshakeLimits limits = HandshakeLimits.builder().handshakeTimeoutMillis(1_000).failureGraceMillis(5_000)
                .build();
        Peers p = peers(limits, 27);
        long start = p.now;
        p.client.start(p.now);
        byte[] reject = new Reject(Wire.VERSION, p.client.connectionId(), Wire.REJECT_NO_COMMON_PROVIDER,
                "no common cipher").encode();

        assertThat(p.settle(p.toClient(reject))).isEqualTo(ClientHandshake.Step.FAILED);

        assertThat(p.now - start).isEqualTo(1_000);
        assertThat(p.client.failure().reason()).isEqualTo(Reason.NO_COMMON_PROVIDER);
        assertThat(p.client.failure()).hasMessageContaining("no common cipher");
    }

    @Test
    void aClientThatHeardNothingSaysToCheckTheAddress() {
        Peers p = peers(HandshakeLimits.defaults(), 28);
        p.client.start(p.now);

        assertThat(p.settle(ClientHandshake.Step.SEND)).isEqualTo(ClientHandshake.Step.FAILED);

        assertThat(p.client.failure().reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(p.client.failure()).hasMessageContaining("no answer").hasMessageContaining("check the address");
    }

    @Test
    void aClientThatGotARetryButNoServerHelloSaysTheServerIsBusyOrLimiting() {
        Peers p = peers(HandshakeLimits.defaults().withAlwaysRequireCookie(true), 29);
        p.toServer(p.client.start(p.now));
        p.toClient(p.server.reply());
        // the server keeps refusing (here: the hellos with the cookie are lost)

        assertThat(p.settle(ClientHandshake.Step.SEND)).isEqualTo(ClientHandshake.Step.FAILED);

        assertThat(p.client.failure().reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(p.client.failure()).hasMessageContaining("busy or limiting handshakes")
                .hasMessageNotContaining("check the address");
    }

    @Test
    void aForgedFirstRetryWhileTheServerDemandsCookiesTimesOutNamingTheRefusedCookie() {
        // The documented limit (PROTOCOL.md section 13): an observer that injects a Retry before the server's can
        // stall a handshake while the server demands cookies, as in QUIC.
        Peers p = peers(HandshakeLimits.defaults().withAlwaysRequireCookie(true), 30);
        byte[] hello = p.client.start(p.now);
        assertThat(p.toClient(forgedRetry(p))).isEqualTo(ClientHandshake.Step.SEND);
        p.toServer(hello);
        assertThat(p.toClient(p.server.reply())).as("the server's own Retry comes second")
                .isEqualTo(ClientHandshake.Step.IGNORED);
        p.toServer(p.client.outgoing());
        assertThat(p.server.reply()[0]).as("the forged cookie is refused").isEqualTo(Wire.TYPE_RETRY);
        p.toClient(p.server.reply());

        assertThat(p.settle(ClientHandshake.Step.SEND)).isEqualTo(ClientHandshake.Step.FAILED);

        assertThat(p.client.failure().reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(p.client.failure()).hasMessageContaining("2 more Retries").hasMessageContaining("forged");
        assertThat(p.server.pendingCount()).isZero();
    }
}
