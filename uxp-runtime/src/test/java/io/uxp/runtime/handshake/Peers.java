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
    private final ClientSecurity clientSecurity;
    private final ProviderPreferences clientPrefs;
    private final HandshakeLimits limits;
    private final KeyUpdatePolicy keyPolicy;
    long now = 1_000_000;

    Peers(ClientSecurity clientSecurity, ServerSecurity serverSecurity) {
        this(clientSecurity, serverSecurity, ProviderPreferences.defaults(), ProviderPreferences.defaults(),
                HandshakeLimits.defaults(), KeyUpdatePolicy.defaults(), 7);
    }

    Peers(ClientSecurity clientSecurity, ServerSecurity serverSecurity, ProviderPreferences clientPrefs,
            ProviderPreferences serverPrefs, HandshakeLimits limits, KeyUpdatePolicy keyPolicy, long seed) {
        this.clientSecurity = clientSecurity;
        this.clientPrefs = clientPrefs;
        this.limits = limits;
        this.keyPolicy = keyPolicy;
        client = new ClientHandshake(clientSecurity, REGISTRY, clientPrefs, limits, keyPolicy,
                new SplittableRandom(seed));
        server = new ServerHandshake(serverSecurity, REGISTRY, serverPrefs, limits, keyPolicy,
                new SplittableRandom(seed + 1), now, serverKeyExchange);
    }

    static InetSocketAddress address(int lastOctet, int port) {
        return address(0, lastOctet, port);
    }

    /** @return {@code 127.0.thirdOctet.lastOctet:port}: the third octet picks the /24 prefix */
    static InetSocketAddress address(int thirdOctet, int lastOctet, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, (byte) thirdOctet,
                (byte) lastOctet}), port);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * @param seed the other client's randomness
     * @return another client like {@link #client}, for the same server
     */
    ClientHandshake otherClient(long seed) {
        return new ClientHandshake(clientSecurity, REGISTRY, clientPrefs, limits, keyPolicy,
                new SplittableRandom(seed));
    }

    /**
     * Starts {@code c}, sends its hello from {@code from} to a server that demands a cookie, gives it the Retry, and
     * returns its hello with the cookie (not yet sent).
     */
    byte[] helloWithCookie(ClientHandshake c, InetSocketAddress from) {
        byte[] hello = c.start(now);
        if (server.onDatagram(from, hello, 0, hello.length, now) != ServerHandshake.Outcome.REPLY
                || server.reply()[0] != Wire.TYPE_RETRY) {
            throw new AssertionError("the server did not demand a cookie");
        }
        byte[] retry = server.reply();
        if (c.onDatagram(retry, 0, retry.length, now) != ClientHandshake.Step.SEND) {
            throw new AssertionError("the client did not answer the Retry");
        }
        return c.outgoing();
    }

    ServerHandshake.Outcome from(InetSocketAddress source, byte[] datagram) {
        return server.onDatagram(source, datagram, 0, datagram.length, now);
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

    /**
     * Lets the client's timers run (its retransmissions go nowhere) until it is established or has failed: an
     * unauthenticated refusal ends the handshake only after its grace.
     *
     * @param first the step the last datagram produced
     * @return the final step
     */
    ClientHandshake.Step settle(ClientHandshake.Step first) {
        ClientHandshake.Step step = first;
        for (int i = 0; i < 100 && step != ClientHandshake.Step.ESTABLISHED && step != ClientHandshake.Step.FAILED;
                i++) {
            now = Math.max(now, client.nextTimeoutMillis());
            step = client.onTimeout(now);
        }
        return step;
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
