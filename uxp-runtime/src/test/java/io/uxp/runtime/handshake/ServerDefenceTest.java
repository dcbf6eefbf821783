package io.uxp.runtime.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.DropReason;
import io.uxp.api.HandshakeException.Reason;
import io.uxp.runtime.ClientSecurity;
import io.uxp.runtime.HandshakeLimits;
import io.uxp.runtime.KeyUpdatePolicy;
import io.uxp.runtime.ProviderPreferences;
import io.uxp.runtime.ServerKeyPair;
import io.uxp.runtime.ServerSecurity;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Cookies, duplicate hellos, the pending cap, the rate limit and the amplification bound. */
class ServerDefenceTest {

    private static final ServerKeyPair KEY = ServerKeyPair.generate(new SplittableRandom(5));

    private static Peers peers(HandshakeLimits limits, long seed) {
        return new Peers(ClientSecurity.pinnedServerKey(KEY.publicKey()), ServerSecurity.staticKey(KEY),
                ProviderPreferences.defaults(), ProviderPreferences.defaults(), limits, KeyUpdatePolicy.defaults(),
                seed);
    }

    @Test
    void aDemandedCookieCostsTheServerNoX25519WorkAndTheRetriedHelloCompletes() {
        Peers p = peers(HandshakeLimits.defaults().withAlwaysRequireCookie(true), 1);
        byte[] hello = p.client.start(p.now);

        assertThat(p.toServer(hello)).isEqualTo(ServerHandshake.Outcome.REPLY);
        byte[] retry = p.server.reply();
        assertThat(retry[0]).isEqualTo(Wire.TYPE_RETRY);
        assertThat(retry.length).isEqualTo(Retry.BYTES).isLessThan(hello.length);
        assertThat(p.serverKeyExchange.scalarMultiplications()).isZero();
        assertThat(p.server.pendingCount()).isZero();

        assertThat(p.toClient(retry)).isEqualTo(ClientHandshake.Step.SEND);
        byte[] withCookie = p.client.outgoing();
        assertThat(p.toServer(withCookie)).isEqualTo(ServerHandshake.Outcome.REPLY);
        assertThat(p.server.reply()[0]).isEqualTo(Wire.TYPE_SERVER_HELLO);
        // One ephemeral key pair, one ephemeral agreement, one static agreement.
        assertThat(p.serverKeyExchange.scalarMultiplications()).isEqualTo(3);
        assertThat(p.toClient(p.server.reply())).isEqualTo(ClientHandshake.Step.ESTABLISHED);
        assertThat(p.toServer(p.clientKeepalive())).isEqualTo(ServerHandshake.Outcome.ESTABLISHED);
    }

    @Test
    void aCookieMintedForOneAddressIsRefusedFromAnother() {
        Peers p = peers(HandshakeLimits.defaults().withAlwaysRequireCookie(true), 2);
        p.toServer(p.client.start(p.now));
        p.toClient(p.server.reply());
        byte[] withCookie = p.client.outgoing();
        InetSocketAddress elsewhere = Peers.address(9, 40000);

        assertThat(p.server.onDatagram(elsewhere, withCookie, 0, withCookie.length, p.now))
                .isEqualTo(ServerHandshake.Outcome.REPLY);
        assertThat(p.server.reply()[0]).isEqualTo(Wire.TYPE_RETRY);
        assertThat(p.serverKeyExchange.scalarMultiplications()).isZero();
    }

    @Test
    void aCookieExpiresAfterTwoTimeSlots() {
        Peers p = peers(HandshakeLimits.defaults().withAlwaysRequireCookie(true), 3);
        p.toServer(p.client.start(p.now));
        p.toClient(p.server.reply());
        p.now += 2 * CookieProtector.SLOT_MILLIS;

        p.toServer(p.client.outgoing());

        assertThat(p.server.reply()[0]).isEqualTo(Wire.TYPE_RETRY);
    }

    @Test
    void cookiesAreDemandedOncePendingHandshakesReachTheThreshold() {
        HandshakeLimits limits = new HandshakeLimits(10_000, 250, 2_000, 100, 3, false, 1_000, 1_000, 64);
        Peers p = peers(limits, 4);
        for (int i = 0; i < 3; i++) {
            Peers other = peers(limits, 100 + i);
            assertThat(p.toServer(other.client.start(p.now))).isEqualTo(ServerHandshake.Outcome.REPLY);
            assertThat(p.server.reply()[0]).isEqualTo(Wire.TYPE_SERVER_HELLO);
        }
        long work = p.serverKeyExchange.scalarMultiplications();

        p.toServer(p.client.start(p.now));

        assertThat(p.server.reply()[0]).isEqualTo(Wire.TYPE_RETRY);
        assertThat(p.serverKeyExchange.scalarMultiplications()).isEqualTo(work);
    }

    @Test
    void aDuplicateHelloGetsTheSameServerHelloWithoutNewStateOrKeyExchange() {
        Peers p = peers(HandshakeLimits.defaults(), 5);
        byte[] hello = p.client.start(p.now);
        p.toServer(hello);
        byte[] first = p.server.reply();
        long work = p.serverKeyExchange.scalarMultiplications();

        p.now += 250;
        assertThat(p.toServer(hello.clone())).isEqualTo(ServerHandshake.Outcome.REPLY);

        assertThat(p.server.reply()).isEqualTo(first);
        assertThat(p.server.pendingCount()).isEqualTo(1);
        assertThat(p.serverKeyExchange.scalarMultiplications()).isEqualTo(work);
        assertThat(p.server.duplicatesAnswered()).isEqualTo(1);
        assertThat(p.toClient(p.server.reply())).isEqualTo(ClientHandshake.Step.ESTABLISHED);
    }

    @Test
    void aDifferentHelloReusingAPendingConnectionIdIsDropped() {
        Peers p = peers(HandshakeLimits.defaults(), 6);
        byte[] hello = p.client.start(p.now);
        p.toServer(hello);
        byte[] altered = hello.clone();
        altered[60] ^= 1;

        assertThat(p.toServer(altered)).isEqualTo(ServerHandshake.Outcome.DROPPED);
        assertThat(p.server.dropReason()).isEqualTo(DropReason.HANDSHAKE_INVALID);
        assertThat(p.server.pendingCount()).isEqualTo(1);
    }

    @Test
    void aCopyOfAHelloSentAheadFromAnotherAddressGetsItsOwnPendingHandshakeAndTheClientStillConnects() {
        Peers p = peers(HandshakeLimits.defaults(), 8);
        byte[] hello = p.client.start(p.now);
        InetSocketAddress copier = Peers.address(9, 40000);
        assertThat(p.server.onDatagram(copier, hello.clone(), 0, hello.length, p.now))
                .isEqualTo(ServerHandshake.Outcome.REPLY);
        byte[] toCopier = p.server.reply();
        assertThat(toCopier.length).as("less than the hello it answers").isLessThan(hello.length);

        assertThat(p.toServer(hello)).as("the original is answered too").isEqualTo(ServerHandshake.Outcome.REPLY);
        byte[] toClient = p.server.reply();
        assertThat(toClient[0]).isEqualTo(Wire.TYPE_SERVER_HELLO);
        assertThat(toClient).isNotEqualTo(toCopier);
        assertThat(p.server.pendingCount()).isEqualTo(2);

        assertThat(p.toClient(toClient)).isEqualTo(ClientHandshake.Step.ESTABLISHED);
        assertThat(p.toServer(p.clientKeepalive())).isEqualTo(ServerHandshake.Outcome.ESTABLISHED);
        assertThat(p.server.helloAddress()).isEqualTo(Peers.CLIENT_ADDRESS);
        assertThat(p.server.pendingCount()).as("the copy's expires").isEqualTo(1);
    }

    @Test
    void thePendingCapRefusesFurtherHandshakesWithoutKeyExchangeUntilOldOnesExpire() {
        HandshakeLimits limits = new HandshakeLimits(10_000, 250, 2_000, 4, 1_000, false, 1_000, 1_000, 64);
        Peers p = peers(limits, 7);
        for (int i = 0; i < 4; i++) {
            assertThat(p.toServer(peers(limits, 200 + i).client.start(p.now))).isEqualTo(ServerHandshake.Outcome.REPLY);
        }
        long work = p.serverKeyExchange.scalarMultiplications();

        assertThat(p.toServer(p.client.start(p.now))).isEqualTo(ServerHandshake.Outcome.REPLY);
        assertThat(p.server.reply()[0]).isEqualTo(Wire.TYPE_REJECT);
        assertThat(p.settle(p.toClient(p.server.reply()))).isEqualTo(ClientHandshake.Step.FAILED);
        assertThat(p.client.failure().reason()).isEqualTo(Reason.REJECTED);
        assertThat(p.server.pendingCount()).isEqualTo(4);
        assertThat(p.serverKeyExchange.scalarMultiplications()).isEqualTo(work);

        p.now += limits.handshakeTimeoutMillis();
        p.server.onTimeout(p.now);
        assertThat(p.server.pendingCount()).isZero();
    }

    @Test
    void aConfirmedHandshakeLeavesThePendingStateAndTheServersTimer() {
        Peers p = peers(HandshakeLimits.defaults(), 10);
        long start = p.now;
        p.toServer(p.client.start(p.now));
        assertThat(p.server.pendingCount()).isEqualTo(1);
        assertThat(p.server.nextTimeoutMillis()).isEqualTo(start + HandshakeLimits.defaults().handshakeTimeoutMillis());

        p.toClient(p.server.reply());
        assertThat(p.toServer(p.clientKeepalive())).isEqualTo(ServerHandshake.Outcome.ESTABLISHED);

        assertThat(p.server.pendingCount()).isZero();
        assertThat(p.server.isPending(p.server.established().localConnectionId())).isFalse();
        assertThat(p.server.nextTimeoutMillis()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aDuplicateHelloArrivingAfterTheClientsFirstRecordIsDroppedWithoutNewState() {
        Peers p = peers(HandshakeLimits.defaults(), 11);
        byte[] hello = p.client.start(p.now);
        p.toServer(hello);
        p.toClient(p.server.reply());
        p.toServer(p.clientKeepalive());
        long work = p.serverKeyExchange.scalarMultiplications();

        assertThat(p.toServer(hello)).isEqualTo(ServerHandshake.Outcome.DROPPED);
        assertThat(p.server.dropReason()).isEqualTo(DropReason.REPLAYED);
        assertThat(p.server.pendingCount()).isZero();
        assertThat(p.serverKeyExchange.scalarMultiplications()).isEqualTo(work);

        p.now += HandshakeLimits.defaults().handshakeTimeoutMillis();
        assertThat(p.toServer(hello)).as("after the handshake timeout the ID is forgotten, bounding memory")
                .isEqualTo(ServerHandshake.Outcome.REPLY);
    }

    @Test
    void withoutPressureABurstFromOneAddressIsAllAnswered() {
        HandshakeLimits limits = HandshakeLimits.builder().helloRate(2, 3).build();
        Peers p = peers(limits, 8);
        for (int i = 0; i < 10; i++) {
            assertThat(p.toServer(p.otherClient(300 + i).start(p.now))).isEqualTo(ServerHandshake.Outcome.REPLY);
            assertThat(p.server.reply()[0]).isEqualTo(Wire.TYPE_SERVER_HELLO);
        }
        assertThat(p.server.drops(DropReason.HANDSHAKE_LIMITED)).isZero();
    }

    @Test
    void underPressureTheRateLimitTakesCookieValidatedHellosOnlyAndRefillsWithTime() {
        HandshakeLimits limits = HandshakeLimits.builder().cookieThreshold(0).helloRate(2, 3)
                .maxPendingPer(1_000, 1_000).build();
        Peers p = peers(limits, 8);
        int answered = 0;
        for (int i = 0; i < 10; i++) {
            if (p.toServer(p.helloWithCookie(p.otherClient(300 + i), Peers.CLIENT_ADDRESS))
                    == ServerHandshake.Outcome.REPLY) {
                answered++;
            }
        }
        assertThat(answered).isEqualTo(3);
        assertThat(p.server.drops(DropReason.HANDSHAKE_LIMITED)).isEqualTo(7);
        assertThat(p.server.retriesSent()).as("hellos without a cookie cost a Retry, never a token").isEqualTo(10);

        InetSocketAddress other = Peers.address(2, 1);
        assertThat(p.from(other, p.helloWithCookie(p.otherClient(400), other)))
                .as("another address has its own bucket").isEqualTo(ServerHandshake.Outcome.REPLY);

        p.now += 500;
        assertThat(p.toServer(p.helloWithCookie(p.otherClient(500), Peers.CLIENT_ADDRESS)))
                .isEqualTo(ServerHandshake.Outcome.REPLY);
    }

    @Test
    void aMalformedHelloSpendsNoRateLimitToken() {
        HandshakeLimits limits = HandshakeLimits.builder().cookieThreshold(0).helloRate(1, 1)
                .maxPendingPer(1_000, 1_000).build();
        Peers p = peers(limits, 12);
        byte[] valid = p.helloWithCookie(p.client, Peers.CLIENT_ADDRESS);
        for (int i = 0; i < 5; i++) {
            byte[] malformed = valid.clone();
            malformed[malformed.length - 1] = 1; // non-zero padding
            assertThat(p.toServer(malformed)).isEqualTo(ServerHandshake.Outcome.DROPPED);
            assertThat(p.server.dropReason()).isEqualTo(DropReason.HANDSHAKE_INVALID);
        }

        assertThat(p.toServer(valid)).as("the one token is still there").isEqualTo(ServerHandshake.Outcome.REPLY);
        assertThat(p.server.reply()[0]).isEqualTo(Wire.TYPE_SERVER_HELLO);
    }

    @Test
    void theRateLimiterTracksABoundedNumberOfAddresses() {
        RateLimiter limiter = new RateLimiter(1, 1, 16);
        for (int i = 0; i < 1_000; i++) {
            limiter.tryAcquire(Peers.address(i & 0xFF, i).getAddress(), i);
        }
        assertThat(limiter.trackedSources()).isEqualTo(16);
    }

    @Test
    void aRecordTooShortForAnyAllowedCipherIsMalformedBeforeItsConnectionIdIsLookedUp() {
        Peers p = peers(HandshakeLimits.defaults(), 13);
        byte[] twenty = new byte[20];
        twenty[0] = 0x10;
        twenty[1] = 0x7f; // an unknown connection ID

        assertThat(p.toServer(twenty)).isEqualTo(ServerHandshake.Outcome.DROPPED);
        assertThat(p.server.dropReason()).isEqualTo(DropReason.MALFORMED);

        // header 17 + tag 16 + 1 byte: long enough for both built-in ciphers, so the unknown ID counts
        byte[] shortest = java.util.Arrays.copyOf(twenty, 34);
        assertThat(p.toServer(shortest)).isEqualTo(ServerHandshake.Outcome.DROPPED);
        assertThat(p.server.dropReason()).isEqualTo(DropReason.UNKNOWN_CONNECTION);
    }

    @Test
    void theServerNeverSendsAnAddressMoreThanThreeTimesWhatItReceived() {
        Peers p = peers(HandshakeLimits.defaults(), 9);
        byte[] hello = p.client.start(p.now);
        long received = 0;
        long sent = 0;
        for (int i = 0; i < 20; i++) {
            received += hello.length;
            if (p.toServer(hello) == ServerHandshake.Outcome.REPLY) {
                sent += p.server.reply().length;
            }
            assertThat(sent).isLessThanOrEqualTo(3 * received);
        }
        assertThat(p.server.duplicatesAnswered()).isEqualTo(19);
    }
}
