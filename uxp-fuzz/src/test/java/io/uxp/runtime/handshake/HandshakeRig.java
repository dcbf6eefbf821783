package io.uxp.runtime.handshake;

import io.uxp.api.spi.ProviderRegistry;
import io.uxp.runtime.ClientSecurity;
import io.uxp.runtime.FecOffer;
import io.uxp.runtime.HandshakeLimits;
import io.uxp.runtime.KeyUpdatePolicy;
import io.uxp.runtime.PreSharedKey;
import io.uxp.runtime.ProviderPreferences;
import io.uxp.runtime.ServerKeyPair;
import io.uxp.runtime.ServerSecurity;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic handshake peers for the harnesses and their seed generators: fixed keys, fixed random seeds and a
 * fixed clock, so a seed recorded from a real exchange (a ServerHello, a Retry's cookie, a sealed record) is the
 * exact datagram the harness's peer expects. The security objects are made once: making them logs.
 */
final class HandshakeRig {

    static final ProviderRegistry REGISTRY = ProviderRegistry.load();
    static final long NOW = 1_000_000;
    static final InetSocketAddress CLIENT = address(2, 40_000);
    /** Authentication modes, indexed by a harness's mode byte: none, pinned key, pre-shared key, both. */
    static final int MODES = 4;

    private static final ServerKeyPair SERVER_KEY = ServerKeyPair.ofPrivateKey(filled(32, 0x42));
    private static final PreSharedKey PSK = PreSharedKey.of(filled(32, 0x17));
    private static final ClientSecurity[] CLIENT_SECURITY = {ClientSecurity.unauthenticated(),
        ClientSecurity.pinnedServerKey(SERVER_KEY.publicKey()), ClientSecurity.preSharedKey(PSK),
        ClientSecurity.pinnedServerKeyAndPreSharedKey(SERVER_KEY.publicKey(), PSK)};
    private static final ServerSecurity[] SERVER_SECURITY = {ServerSecurity.unauthenticated(),
        ServerSecurity.staticKey(SERVER_KEY), ServerSecurity.preSharedKey(PSK),
        ServerSecurity.staticKeyAndPreSharedKey(SERVER_KEY, PSK)};
    /** Small FEC groups, first: a fuzzer reaches reconstruction with a handful of shards. */
    private static final ProviderPreferences FEC_FIRST = new ProviderPreferences(
            List.of("chacha20-poly1305", "xsalsa20-poly1305"),
            List.of(FecOffer.of("reed-solomon", 3, 2), FecOffer.NONE), List.of("kcp", "bbr", "fixed"));
    private static final long CLIENT_SEED = 0x5eed_c11e_0000L;
    private static final long SERVER_SEED = 0x5eed_5e7e_0000L;

    private HandshakeRig() {
    }

    /**
     * @param mode an authentication mode, 0 to {@link #MODES} - 1
     * @param fec whether the client prefers FEC (3,2)
     * @return a new client, not started
     */
    static ClientHandshake client(int mode, boolean fec) {
        return new ClientHandshake(CLIENT_SECURITY[mode], REGISTRY, preferences(fec), HandshakeLimits.defaults(),
                KeyUpdatePolicy.defaults(), new SplittableRandom(CLIENT_SEED + mode));
    }

    /**
     * @param mode an authentication mode
     * @param fec whether the server prefers FEC (3,2)
     * @param alwaysCookie whether every hello must carry a cookie
     * @return a new server
     */
    static ServerHandshake server(int mode, boolean fec, boolean alwaysCookie) {
        return new ServerHandshake(SERVER_SECURITY[mode], REGISTRY, preferences(fec),
                HandshakeLimits.defaults().withAlwaysRequireCookie(alwaysCookie), KeyUpdatePolicy.defaults(),
                new SplittableRandom(SERVER_SEED + mode), NOW);
    }

    static ServerSecurity serverSecurity(int mode) {
        return SERVER_SECURITY[mode];
    }

    static ProviderPreferences preferences(boolean fec) {
        return fec ? FEC_FIRST : ProviderPreferences.defaults();
    }

    static InetSocketAddress address(int lastOctet, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) lastOctet}), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
