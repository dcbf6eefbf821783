package io.uxp.runtime.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.DropReason;
import io.uxp.runtime.ClientSecurity;
import io.uxp.runtime.HandshakeLimits;
import io.uxp.runtime.KeyUpdatePolicy;
import io.uxp.runtime.ProviderPreferences;
import io.uxp.runtime.ServerKeyPair;
import io.uxp.runtime.ServerSecurity;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fair limits of the pending table: off while the server is not under pressure, and under pressure a cookie
 * first, then a cap per address and per /24 or /48 prefix, so a few sources cannot fill the table.
 */
class FairLimitsTest {

    private static final ServerKeyPair KEY = ServerKeyPair.generate(new SplittableRandom(5));
    /** Small numbers with the shape of the defaults: pending 64, pressure from 16, 4 per address, 8 per prefix. */
    private static final HandshakeLimits SMALL = HandshakeLimits.builder().maxPendingHandshakes(64).cookieThreshold(16)
            .maxPendingPer(4, 8).helloRate(1_000, 1_000).build();

    private static Peers peers(HandshakeLimits limits, long seed) {
        return new Peers(ClientSecurity.pinnedServerKey(KEY.publicKey()), ServerSecurity.staticKey(KEY),
                ProviderPreferences.defaults(), ProviderPreferences.defaults(), limits, KeyUpdatePolicy.defaults(),
                seed);
    }

    /** An attacker at {@code from}: tries {@code n} handshakes, answering each Retry, never confirming any. */
    private static int hold(Peers p, InetSocketAddress from, int n, long seed) {
        int held = 0;
        for (int i = 0; i < n; i++) {
            ClientHandshake c = p.otherClient(seed + i);
            byte[] hello = c.start(p.now);
            if (p.from(from, hello) == ServerHandshake.Outcome.REPLY && p.server.reply()[0] == Wire.TYPE_RETRY) {
                byte[] retry = p.server.reply();
                c.onDatagram(retry, 0, retry.length, p.now);
                hello = c.outgoing();
                p.from(from, hello);
            }
            if (p.server.reply() != null && p.server.reply()[0] == Wire.TYPE_SERVER_HELLO) {
                held++;
            }
        }
        return held;
    }

    @Test
    void withoutPressureOneAddressMayOpenManyHandshakesWithoutACookie() {
        Peers p = peers(SMALL, 1);
        assertThat(hold(p, Peers.address(1, 1, 1), 15, 100)).isEqualTo(15);
        assertThat(p.server.retriesSent()).isZero();
        assertThat(p.server.underPressure(p.now)).isFalse();
    }

    @Test
    void underPressureOneAddressHoldsAtMostItsCapAndOnePrefixAtMostItsCap() {
        HandshakeLimits limits = SMALL.toBuilder().cookieThreshold(0).build();
        Peers p = peers(limits, 2);

        assertThat(hold(p, Peers.address(1, 1, 1), 20, 100)).isEqualTo(4);
        assertThat(hold(p, Peers.address(1, 2, 1), 20, 200)).isEqualTo(4);
        assertThat(hold(p, Peers.address(1, 3, 1), 20, 300)).as("the /24 holds its 8 already").isZero();
        assertThat(hold(p, Peers.address(2, 1, 1), 20, 400)).as("another /24 has its own cap").isEqualTo(4);
        assertThat(p.server.drops(DropReason.HANDSHAKE_LIMITED)).isEqualTo(16 + 16 + 20 + 16);
    }

    @Test
    void itTakesOnePrefixPerPrefixCapBeyondThePressureThresholdToFillTheTable() {
        // PROTOCOL.md section 11: 1 + ceil((max pending - threshold) / per-prefix cap) prefixes fill the table while
        // the entries taken before pressure last; here 1 + (64 - 16) / 8 = 7.
        Peers p = peers(SMALL, 3);
        int prefixes = 0;
        while (p.server.pendingCount() < SMALL.maxPendingHandshakes()) {
            prefixes++;
            for (int a = 1; a <= 8; a++) {
                hold(p, Peers.address(prefixes, a, 1), 10, prefixes * 1_000L + a * 100L);
            }
            assertThat(prefixes).isLessThan(20);

            InetSocketAddress honest = Peers.address(200, 1, 1);
            ClientHandshake c = p.otherClient(prefixes);
            byte[] hello = p.helloWithCookie(c, honest);
            p.from(honest, hello);
            if (p.server.reply()[0] == Wire.TYPE_REJECT) {
                break; // the table is full: this many prefixes deny an honest client
            }
            assertThat(p.server.reply()[0]).as("an honest client of another prefix gets in after %d prefixes",
                    prefixes).isEqualTo(Wire.TYPE_SERVER_HELLO);
            // it confirms at once, leaving the table
            assertThat(c.onDatagram(p.server.reply(), 0, p.server.reply().length, p.now))
                    .isEqualTo(ClientHandshake.Step.ESTABLISHED);
            assertThat(p.from(honest, keepalive(c, p.now))).isEqualTo(ServerHandshake.Outcome.ESTABLISHED);
        }
        assertThat(prefixes).isEqualTo(7);
        assertThat(p.server.pendingCount()).isEqualTo(64);
    }

    @Test
    void afterThePreThresholdEntriesExpireFillingTheTableTakesMaxPendingOverThePerPrefixCapPrefixes() {
        HandshakeLimits limits = SMALL.toBuilder().cookieThreshold(0).build();
        Peers p = peers(limits, 4);
        int prefixes = 0;
        while (p.server.pendingCount() < limits.maxPendingHandshakes()) {
            prefixes++;
            for (int a = 1; a <= 8; a++) {
                hold(p, Peers.address(prefixes, a, 1), 10, prefixes * 1_000L + a * 100L);
            }
        }
        assertThat(prefixes).isEqualTo(64 / 8);
        ClientHandshake c = p.otherClient(9);
        byte[] hello = p.helloWithCookie(c, Peers.address(200, 1, 1));
        p.from(Peers.address(200, 1, 1), hello);
        assertThat(p.server.reply()[0]).as("a full table refuses").isEqualTo(Wire.TYPE_REJECT);
    }

    @Test
    void theKeyExchangeRatePutsTheServerUnderPressureUntilItFallsAgain() {
        HandshakeLimits limits = SMALL.toBuilder().pressureKeyExchangesPerSecond(5).build();
        Peers p = peers(limits, 5);
        assertThat(hold(p, Peers.address(1, 1, 1), 5, 100)).isEqualTo(5);
        assertThat(p.server.retriesSent()).isZero();
        assertThat(p.server.underPressure(p.now)).isTrue();

        assertThat(p.from(Peers.address(2, 1, 1), p.otherClient(7).start(p.now)))
                .isEqualTo(ServerHandshake.Outcome.REPLY);
        assertThat(p.server.reply()[0]).as("under pressure: a cookie first").isEqualTo(Wire.TYPE_RETRY);

        p.now += 1_000;
        assertThat(p.server.underPressure(p.now)).isFalse();
    }

    @Test
    void trackingIsBoundedAndEmptiesWhenPendingHandshakesExpire() {
        HandshakeLimits limits = SMALL.toBuilder().cookieThreshold(0).rateLimiterEntries(16).build();
        Peers p = peers(limits, 6);
        for (int i = 0; i < 200; i++) {
            hold(p, Peers.address(i % 50, i % 7, 1), 1, i * 10L);
        }
        assertThat(p.server.trackedSources()).isLessThanOrEqualTo(2 * limits.maxPendingHandshakes() + 16);

        p.now += limits.handshakeTimeoutMillis();
        p.server.onTimeout(p.now);

        assertThat(p.server.pendingCount()).isZero();
        assertThat(p.server.trackedSources()).as("only the LRU-bounded rate limiter remains").isLessThanOrEqualTo(16);
    }

    @Test
    void prefixesAreSlash24ForIpv4AndSlash48ForIpv6() throws Exception {
        long a = PendingTable.prefixKey(InetAddress.getByName("192.0.2.1"));
        assertThat(PendingTable.prefixKey(InetAddress.getByName("192.0.2.254"))).isEqualTo(a);
        assertThat(PendingTable.prefixKey(InetAddress.getByName("192.0.3.1"))).isNotEqualTo(a);
        long b = PendingTable.prefixKey(InetAddress.getByName("2001:db8:1::1"));
        assertThat(PendingTable.prefixKey(InetAddress.getByName("2001:db8:1:ffff::2"))).isEqualTo(b);
        assertThat(PendingTable.prefixKey(InetAddress.getByName("2001:db8:2::1"))).isNotEqualTo(b);
        assertThat(PendingTable.prefixKey(InetAddress.getByName("::c000:201"))).isNotEqualTo(a);
    }

    private static byte[] keepalive(ClientHandshake c, long now) {
        var protector = c.session().protector();
        byte[] buf = new byte[128];
        int n = io.uxp.runtime.record.Frames.writeKeepalive(buf, protector.payloadOffset(0));
        int len = protector.seal(buf, 0, n, now);
        return java.util.Arrays.copyOf(buf, len);
    }
}
