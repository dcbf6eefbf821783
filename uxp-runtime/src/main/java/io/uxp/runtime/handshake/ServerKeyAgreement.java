package io.uxp.runtime.handshake;

import io.uxp.api.spi.CipherProvider;
import io.uxp.api.spi.ProviderRegistry;
import io.uxp.runtime.KeyUpdatePolicy;
import io.uxp.runtime.ServerSecurity;
import io.uxp.runtime.negotiation.Choice;
import io.uxp.runtime.record.RecordProtector;
import io.uxp.runtime.record.RecordUnprotector;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's expensive step, run only for an admitted hello: the ephemeral key pair, X25519 with the client's
 * ephemeral key (and the static key when pinned), the key schedule, the ServerHello and the record keys
 * (docs/PROTOCOL.md sections 5 and 8). Also the cheap authentication-mode check that comes before it
 * (section 8.1). Secrets are wiped as soon as they are used. One owner thread.
 */
final class ServerKeyAgreement {

    private static final Logger LOG = LoggerFactory.getLogger(ServerKeyAgreement.class);

    /** Draws of a server connection ID that collides with a pending one before using the last anyway. */
    private static final int CONNECTION_ID_ATTEMPTS = 4;

    private final ServerSecurity security;
    private final ProviderRegistry registry;
    private final KeyUpdatePolicy keyPolicy;
    private final RandomGenerator random;
    private final KeyExchange keyExchange;
    private final long lifetimeMillis;
    private final PendingTable pending;

    ServerKeyAgreement(ServerSecurity security, ProviderRegistry registry, KeyUpdatePolicy keyPolicy,
            RandomGenerator random, KeyExchange keyExchange, long lifetimeMillis, PendingTable pending) {
        this.pending = pending;
        this.security = security;
        this.registry = registry;
        this.keyPolicy = keyPolicy;
        this.random = random;
        this.keyExchange = keyExchange;
        this.lifetimeMillis = lifetimeMillis;
    }

    /**
     * @param flags the hello's authentication flags
     * @return why the modes do not match (the Reject's message), or {@code null} if they do
     */
    String authenticationMismatch(int flags) {
        boolean pinned = (flags & Wire.FLAG_PINNED_SERVER_KEY) != 0;
        boolean psk = (flags & Wire.FLAG_PRE_SHARED_KEY) != 0;
        if (pinned && security.staticKey().isEmpty()) {
            return "the client pins a server key but this server has no static key pair; configure "
                    + "ServerSecurity.staticKey on the server or stop pinning on the client";
        }
        if (psk && security.preSharedKey().isEmpty()) {
            return "the client uses a pre-shared key but this server has none; configure the same key on both";
        }
        if (!psk && security.preSharedKey().isPresent()) {
            return "this server requires a pre-shared key; configure ClientSecurity with the server's key";
        }
        return null;
    }

    /**
     * @param hello the parsed hello
     * @param clientHello its exact datagram bytes (the transcript's first part)
     * @param digest their SHA-256, to recognise a retransmission
     * @param choice the negotiated suite
     * @param from the hello's source
     * @param nowMillis the current time
     * @return the pending handshake holding the ServerHello, or {@code null} if the client's key is a low-order
     *     point
     */
    PendingHandshake agree(ClientHello hello, byte[] clientHello, byte[] digest, Choice choice,
            InetSocketAddress from, long nowMillis) {
        byte[] ephemeralPrivate = new byte[Wire.KEY_BYTES];
        byte[] ephemeralPublic = keyExchange.generate(random, ephemeralPrivate);
        byte[] dhEphemeral = new byte[Wire.KEY_BYTES];
        boolean ok = keyExchange.agree(ephemeralPrivate, hello.ephemeralKey(), dhEphemeral, 0);
        byte[] dhStatic = null;
        if (ok && (hello.flags() & Wire.FLAG_PINNED_SERVER_KEY) != 0) {
            dhStatic = new byte[Wire.KEY_BYTES];
            byte[] staticPrivate = security.staticKey().orElseThrow().privateKeyBytes();
            ok = keyExchange.agree(staticPrivate, hello.ephemeralKey(), dhStatic, 0);
            Arrays.fill(staticPrivate, (byte) 0);
        }
        Arrays.fill(ephemeralPrivate, (byte) 0);
        if (!ok) {
            wipe(dhEphemeral, dhStatic);
            return null;
        }
        byte[] psk = (hello.flags() & Wire.FLAG_PRE_SHARED_KEY) != 0
                ? security.preSharedKey().orElseThrow().bytes() : null;
        // The order of random draws (ephemeral key, server ID, server random) is fixed: the test vectors script it.
        long serverId = newConnectionId();
        byte[] serverRandom = new byte[Wire.RANDOM_BYTES];
        random.nextBytes(serverRandom);
        byte[] unconfirmed = ServerHello.encodeUnconfirmed(serverId, hello.connectionId(), ephemeralPublic,
                serverRandom, choice.suite());
        byte[] ikm = KeySchedule.ikm(dhEphemeral, dhStatic, psk);
        KeySchedule keys = KeySchedule.derive(ikm, clientHello, unconfirmed);
        wipe(ikm, dhEphemeral, dhStatic, psk);
        CipherProvider cipher = registry.cipher(choice.suite().cipher());
        Session session;
        try {
            session = new Session(choice.suite(), serverId, hello.connectionId(),
                    new RecordProtector(cipher, keys.serverToClientSecret(), hello.connectionId(), keyPolicy,
                            nowMillis),
                    new RecordUnprotector(cipher, keys.clientToServerSecret(), serverId, keyPolicy));
        } catch (RuntimeException e) {
            // a local provider's fault: no pending state, the hello is dropped (HANDSHAKE_INVALID), and the log says why
            keys.destroy();
            LOG.warn("cipher provider '{}' ({}) threw making a connection's sealer or opener; handshake dropped",
                    cipher.name(), ProviderRegistry.origin(cipher), e);
            return null;
        }
        byte[] serverHello = ServerHello.withConfirmation(unconfirmed, keys.confirmation());
        keys.destroy();
        PendingHandshake p = new PendingHandshake(hello.connectionId(), serverId, digest, serverHello, from, session,
                nowMillis + lifetimeMillis, clientHello.length);
        p.bytesSent = serverHello.length;
        return p;
    }

    private long newConnectionId() {
        long id = random.nextLong();
        for (int i = 0; i < CONNECTION_ID_ATTEMPTS && pending.containsServerId(id); i++) {
            id = random.nextLong();
        }
        return id;
    }

    private static void wipe(byte[]... arrays) {
        for (byte[] a : arrays) {
            if (a != null) {
                Arrays.fill(a, (byte) 0);
            }
        }
    }
}
