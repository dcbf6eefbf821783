package io.uxp.runtime.handshake;

import io.uxp.api.spi.ProviderRegistry;
import io.uxp.runtime.ClientSecurity;
import io.uxp.runtime.HandshakeLimits;
import io.uxp.runtime.KeyUpdatePolicy;
import io.uxp.runtime.ProviderPreferences;
import io.uxp.runtime.ServerSecurity;
import io.uxp.runtime.record.Frames;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;

/** A client and a server state machine wired by hand, with deterministic randomness and an X25519 counter. */
final class Peers {

    static final ProviderRegistry REGISTRY = ProviderRegistry.load();
    static final InetSocketAddress CLIENT_ADDRESS = address(1, 40000);

    final KeyExchange serverKeyExchange = new KeyExchange();
    final ClientHandshake client;
    final ServerHandshake server;
    long now = 1_000_000;

    Peers(ClientSecurity clientSecurity, ServerSecurity serverSecurity) {
        this(clientSecurity, serverSecurity, ProviderPreferences.defaults(), ProviderPreferences.defaults(),
                HandshakeLimits.defaults(), KeyUpdatePolicy.defaults(), 7);
    }

    Peers(ClientSecurity clientSecurity, ServerSecurity serverSecurity, ProviderPreferences clientPrefs,
            ProviderPreferences serverPrefs, HandshakeLimits limits, KeyUpdatePolicy keyPolicy, long seed) {
        client = new ClientHandshake(clientSecurity, REGISTRY, clientPrefs, limits, keyPolicy,
                new SplittableRandom(seed));
        server = new ServerHandshake(serverSecurity, REGISTRY, serverPrefs, limits, keyPolicy,
                new SplittableRandom(seed + 1), now, serverKeyExchange);
    }

    static InetSocketAddress address(int lastOctet, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) lastOctet}), port);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    ServerHandshake.Outcome toServer(byte[] datagram) {
        return server.onDatagram(CLIENT_ADDRESS, datagram, 0, datagram.length, now);
    }

    ClientHandshake.Step toClient(byte[] datagram) {
        return client.onDatagram(datagram, 0, datagram.length, now);
    }

    /** @return a sealed record carrying one KEEPALIVE frame from the client's session */
    byte[] clientKeepalive() {
        var protector = client.session().protector();
        byte[] buf = new byte[128];
        int n = Frames.writeKeepalive(buf, protector.payloadOffset(0));
        int len = protector.seal(buf, 0, n, now);
        return java.util.Arrays.copyOf(buf, len);
    }

    /** Runs the whole handshake without loss and returns whether both sides completed. */
    boolean completes() {
        byte[] hello = client.start(now);
        if (toServer(hello) != ServerHandshake.Outcome.REPLY) {
            return false;
        }
        if (toClient(server.reply()) != ClientHandshake.Step.ESTABLISHED) {
            return false;
        }
        return toServer(clientKeepalive()) == ServerHandshake.Outcome.ESTABLISHED;
    }
}
