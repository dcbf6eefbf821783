package io.uxp.runtime.handshake;

import io.uxp.api.DropReason;
import io.uxp.api.spi.CipherProvider;
import io.uxp.api.spi.ProviderRegistry;
import io.uxp.runtime.HandshakeLimits;
import io.uxp.runtime.KeyUpdatePolicy;
import io.uxp.runtime.ProviderPreferences;
import io.uxp.runtime.ServerSecurity;
import io.uxp.runtime.negotiation.Choice;
import io.uxp.runtime.negotiation.Negotiator;
import io.uxp.runtime.record.RecordHeader;
import io.uxp.runtime.record.RecordProtector;
import io.uxp.runtime.record.RecordUnprotector;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of the handshake, I/O-free. ClientHellos and the first protected record of each
 * pending handshake go to {@link #onDatagram}; the result says whether to drop, to send {@link #reply()}
 * to the sender, or to take the {@link #established()} session. Checks run cheapest first: size, rate limit,
 * parse, duplicate, cookie, pending cap, then X25519 (docs/PROTOCOL.md, "Server processing"). One owner
 * thread.
 */
public final class ServerHandshake {

    /** What the caller does with a datagram's outcome. */
    public enum Outcome {
        /** Nothing to send; {@link #dropReason()} says why. */
        DROPPED,
        /** Send {@link #reply()} to the datagram's sender. */
        REPLY,
        /** A handshake completed: take {@link #established()}; the record's plaintext is at {@link #payloadOffset()}. */
        ESTABLISHED
    }

    private static final Logger LOG = LoggerFactory.getLogger(ServerHandshake.class);
    private static final int CONNECTION_ID_ATTEMPTS = 4;

    private final ServerSecurity security;
    private final ProviderRegistry registry;
    private final ProviderPreferences preferences;
    private final HandshakeLimits limits;
    private final KeyUpdatePolicy keyPolicy;
    private final RandomGenerator random;
    private final KeyExchange keyExchange;
    private final CookieProtector cookies;
    private final RateLimiter rateLimiter;
    private final Map<Long, PendingHandshake> byClientId = new HashMap<>();
    private final Map<Long, PendingHandshake> byServerId = new HashMap<>();
    private final ArrayDeque<PendingHandshake> byAge = new ArrayDeque<>();
    /** Client connection IDs of recently confirmed handshakes, oldest first, so late duplicate hellos cost nothing. */
    private final LinkedHashMap<Long, Long> confirmedUntil = new LinkedHashMap<>();
    private final long[] drops = new long[DropReason.values().length];

    private byte[] reply;
    private DropReason dropReason;
    private Session established;
    private int payloadOffset;
    private int payloadLength;
    private long duplicatesAnswered;
    private long retriesSent;

    /**
     * @param security the static key and pre-shared key
     * @param registry the providers present
     * @param preferences the allow-lists, in this server's preference order
     * @param limits the defences
     * @param keyPolicy the record layer's key limits
     * @param random the entropy source, normally a {@link java.security.SecureRandom}
     * @param nowMillis the current time
     */
    public ServerHandshake(ServerSecurity security, ProviderRegistry registry, ProviderPreferences preferences,
            HandshakeLimits limits, KeyUpdatePolicy keyPolicy, RandomGenerator random, long nowMillis) {
        this(security, registry, preferences, limits, keyPolicy, random, nowMillis, new KeyExchange());
    }

    ServerHandshake(ServerSecurity security, ProviderRegistry registry, ProviderPreferences preferences,
            HandshakeLimits limits, KeyUpdatePolicy keyPolicy, RandomGenerator random, long nowMillis,
            KeyExchange keyExchange) {
        this.security = security;
        this.registry = registry;
        this.preferences = preferences;
        this.limits = limits;
        this.keyPolicy = keyPolicy;
        this.random = random;
        this.keyExchange = keyExchange;
        this.cookies = new CookieProtector(random, nowMillis);
        this.rateLimiter = new RateLimiter(limits.helloRatePerSecond(), limits.helloBurst(),
                limits.rateLimiterEntries());
    }

    /**
     * @param from the datagram's source
     * @param buffer the datagram buffer
     * @param offset the datagram's start
     * @param length the datagram's length
     * @param nowMillis the current time
     * @return what to do; never throws on bad input
     */
    public Outcome onDatagram(InetSocketAddress from, byte[] buffer, int offset, int length, long nowMillis) {
        reply = null;
        established = null;
        expire(nowMillis);
        if (length < 1) {
            return drop(DropReason.MALFORMED);
        }
        if (RecordHeader.isProtected(buffer[offset])) {
            return onRecord(buffer, offset, length, nowMillis);
        }
        if (buffer[offset] != Wire.TYPE_CLIENT_HELLO) {
            return drop(DropReason.MALFORMED);
        }
        // Short hellos are never answered: the padding is what bounds amplification.
        if (length < Wire.MIN_CLIENT_HELLO_BYTES || length > Wire.MAX_HANDSHAKE_BYTES) {
            return drop(DropReason.HANDSHAKE_INVALID);
        }
        if (!rateLimiter.tryAcquire(from.getAddress(), nowMillis)) {
            return drop(DropReason.HANDSHAKE_LIMITED);
        }
        int version = ((buffer[offset + 1] & 0xFF) << 8) | (buffer[offset + 2] & 0xFF);
        if (version != Wire.VERSION) {
            long cid = new WireReader(buffer, offset + 3, Long.BYTES).u64();
            return send(new Reject(Wire.VERSION, cid, Wire.REJECT_VERSION, "this server speaks version "
                    + Wire.VERSION + " only").encode());
        }
        ClientHello hello = ClientHello.parse(buffer, offset, length);
        if (hello == null) {
            return drop(DropReason.HANDSHAKE_INVALID);
        }
        byte[] digest = sha256(buffer, offset, length);
        PendingHandshake pending = byClientId.get(hello.connectionId());
        if (pending != null) {
            return duplicate(pending, from, digest, length);
        }
        if (confirmedUntil.containsKey(hello.connectionId())) {
            // A retransmission that arrived after the client's first record: the connection exists already.
            return drop(DropReason.REPLAYED);
        }
        if (limits.alwaysRequireCookie() || byClientId.size() >= limits.cookieThreshold()) {
            if (hello.cookie().length == 0 || !cookies.check(hello.cookie(), from, nowMillis)) {
                retriesSent++;
                return send(new Retry(hello.connectionId(), cookies.mint(from, nowMillis)).encode());
            }
        }
        if (byClientId.size() >= limits.maxPendingHandshakes()) {
            drops[DropReason.HANDSHAKE_LIMITED.ordinal()]++;
            return send(new Reject(Wire.VERSION, hello.connectionId(), Wire.REJECT_REFUSED,
                    "too many pending handshakes; try again later").encode());
        }
        String authProblem = authenticationMismatch(hello.flags());
        if (authProblem != null) {
            drops[DropReason.HANDSHAKE_INVALID.ordinal()]++;
            return send(new Reject(Wire.VERSION, hello.connectionId(), Wire.REJECT_AUTHENTICATION, authProblem)
                    .encode());
        }
        Choice choice = Negotiator.choose(hello.offers(), registry, preferences);
        if (!choice.succeeded()) {
            LOG.debug("refusing handshake from {}: {}", from, choice.failure());
            drops[DropReason.HANDSHAKE_INVALID.ordinal()]++;
            return send(new Reject(Wire.VERSION, hello.connectionId(), Wire.REJECT_NO_COMMON_PROVIDER,
                    choice.failure()).encode());
        }
        byte[] clientHello = Arrays.copyOfRange(buffer, offset, offset + length);
        return accept(hello, clientHello, digest, choice, from, nowMillis);
    }

    /**
     * Refuses a ClientHello without keeping any state, with a Reject "refused" (code 4) carrying {@code message}:
     * for a server at its connection cap. The per-address rate limit still applies, and short hellos are never
     * answered, so the Reject cannot amplify a flood.
     *
     * @param from the datagram's source
     * @param buffer the datagram buffer
     * @param offset the datagram's start
     * @param length the datagram's length
     * @param message why, for the client's error (names the fix where one is known)
     * @param nowMillis the current time
     * @return {@link Outcome#REPLY} with the Reject, or {@link Outcome#DROPPED}
     */
    public Outcome refuse(InetSocketAddress from, byte[] buffer, int offset, int length, String message,
            long nowMillis) {
        reply = null;
        established = null;
        if (length < Wire.MIN_CLIENT_HELLO_BYTES || length > Wire.MAX_HANDSHAKE_BYTES
                || buffer[offset] != Wire.TYPE_CLIENT_HELLO) {
            return drop(DropReason.HANDSHAKE_INVALID);
        }
        if (!rateLimiter.tryAcquire(from.getAddress(), nowMillis)) {
            return drop(DropReason.HANDSHAKE_LIMITED);
        }
        drops[DropReason.HANDSHAKE_LIMITED.ordinal()]++;
        long cid = new WireReader(buffer, offset + 3, Long.BYTES).u64();
        return send(new Reject(Wire.VERSION, cid, Wire.REJECT_REFUSED, message).encode());
    }

    private Outcome accept(ClientHello hello, byte[] clientHello, byte[] digest, Choice choice,
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
            return drop(DropReason.HANDSHAKE_INVALID);
        }
        byte[] psk = (hello.flags() & Wire.FLAG_PRE_SHARED_KEY) != 0
                ? security.preSharedKey().orElseThrow().bytes() : null;
        long serverId = newConnectionId();
        byte[] serverRandom = new byte[Wire.RANDOM_BYTES];
        random.nextBytes(serverRandom);
        byte[] unconfirmed = ServerHello.encodeUnconfirmed(serverId, hello.connectionId(), ephemeralPublic,
                serverRandom, choice.suite());
        byte[] ikm = KeySchedule.ikm(dhEphemeral, dhStatic, psk);
        KeySchedule keys = KeySchedule.derive(ikm, clientHello, unconfirmed);
        Arrays.fill(ikm, (byte) 0);
        Arrays.fill(dhEphemeral, (byte) 0);
        if (dhStatic != null) {
            Arrays.fill(dhStatic, (byte) 0);
        }
        if (psk != null) {
            Arrays.fill(psk, (byte) 0);
        }
        CipherProvider cipher = registry.cipher(choice.suite().cipher());
        Session session = new Session(choice.suite(), serverId, hello.connectionId(),
                new RecordProtector(cipher, keys.serverToClientSecret(), hello.connectionId(), keyPolicy, nowMillis),
                new RecordUnprotector(cipher, keys.clientToServerSecret(), serverId, keyPolicy));
        byte[] serverHello = ServerHello.withConfirmation(unconfirmed, keys.confirmation());
        keys.destroy();
        PendingHandshake p = new PendingHandshake(hello.connectionId(), serverId, digest, serverHello, from, session,
                nowMillis + limits.handshakeTimeoutMillis(), clientHello.length);
        p.bytesSent = serverHello.length;
        byClientId.put(p.clientId, p);
        byServerId.put(p.serverId, p);
        byAge.addLast(p);
        return send(serverHello);
    }

    private long newConnectionId() {
        long id = random.nextLong();
        for (int i = 0; i < CONNECTION_ID_ATTEMPTS && byServerId.containsKey(id); i++) {
            id = random.nextLong();
        }
        return id;
    }

    private String authenticationMismatch(int flags) {
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

    private Outcome duplicate(PendingHandshake pending, InetSocketAddress from, byte[] digest, int length) {
        if (!MessageDigest.isEqual(pending.helloDigest, digest) || !pending.address.equals(from)) {
            return drop(DropReason.HANDSHAKE_INVALID);
        }
        pending.bytesReceived += length;
        if (pending.bytesSent + pending.serverHello.length > (long) Wire.AMPLIFICATION_FACTOR * pending.bytesReceived) {
            return drop(DropReason.HANDSHAKE_LIMITED);
        }
        pending.bytesSent += pending.serverHello.length;
        duplicatesAnswered++;
        return send(pending.serverHello.clone());
    }

    private Outcome onRecord(byte[] buffer, int offset, int length, long nowMillis) {
        if (length < RecordHeader.LENGTH) {
            return drop(DropReason.MALFORMED);
        }
        PendingHandshake pending = byServerId.get(RecordHeader.connectionId(buffer, offset));
        if (pending == null) {
            return drop(DropReason.UNKNOWN_CONNECTION);
        }
        RecordUnprotector unprotector = pending.session.unprotector();
        int n = unprotector.open(buffer, offset, length, nowMillis);
        if (n < 0) {
            // A wrong pre-shared key on the client shows here: its first record does not authenticate.
            return drop(RecordUnprotector.dropReason(n));
        }
        remove(pending);
        confirmedUntil.put(pending.clientId, pending.expiresMillis);
        if (confirmedUntil.size() > limits.maxPendingHandshakes()) {
            confirmedUntil.remove(confirmedUntil.keySet().iterator().next());
        }
        established = pending.session;
        payloadOffset = unprotector.payloadOffset(offset);
        payloadLength = n;
        return Outcome.ESTABLISHED;
    }

    private void expire(long nowMillis) {
        for (Iterator<Long> it = confirmedUntil.values().iterator(); it.hasNext() && nowMillis >= it.next(); ) {
            it.remove();
        }
        PendingHandshake head;
        while ((head = byAge.peekFirst()) != null && (head.removed || nowMillis >= head.expiresMillis)) {
            byAge.pollFirst();
            if (!head.removed) {
                remove(head);
                head.session.protector().destroy();
                head.session.unprotector().destroy();
            }
        }
    }

    private void remove(PendingHandshake p) {
        p.removed = true;
        byClientId.remove(p.clientId);
        byServerId.remove(p.serverId);
    }

    /**
     * Discards pending handshakes whose time is up.
     *
     * @param nowMillis the current time
     */
    public void onTimeout(long nowMillis) {
        expire(nowMillis);
    }

    /** @return when the oldest pending handshake expires, or {@link Long#MAX_VALUE} */
    public long nextTimeoutMillis() {
        // Completed handshakes leave the age queue lazily; drop those at its head so the answer is O(1) amortized.
        while (!byAge.isEmpty() && byAge.peekFirst().removed) {
            byAge.pollFirst();
        }
        PendingHandshake head = byAge.peekFirst();
        return head == null ? Long.MAX_VALUE : head.expiresMillis;
    }

    private Outcome drop(DropReason reason) {
        drops[reason.ordinal()]++;
        dropReason = reason;
        return Outcome.DROPPED;
    }

    private Outcome send(byte[] datagram) {
        reply = datagram;
        return Outcome.REPLY;
    }

    private static byte[] sha256(byte[] buffer, int offset, int length) {
        SHA256Digest sha = new SHA256Digest();
        sha.update(buffer, offset, length);
        byte[] out = new byte[sha.getDigestSize()];
        sha.doFinal(out, 0);
        return out;
    }

    /** @return the datagram to send after {@link Outcome#REPLY} */
    public byte[] reply() {
        return reply;
    }

    /** @return why the last {@link Outcome#DROPPED} happened */
    public DropReason dropReason() {
        return dropReason;
    }

    /** @return the session completed by the last {@link Outcome#ESTABLISHED} */
    public Session established() {
        return established;
    }

    /** @return where the first record's plaintext lies after {@link Outcome#ESTABLISHED} */
    public int payloadOffset() {
        return payloadOffset;
    }

    /** @return the first record's plaintext length after {@link Outcome#ESTABLISHED} */
    public int payloadLength() {
        return payloadLength;
    }

    /**
     * @param serverConnectionId a connection ID from a record header
     * @return whether it belongs to a handshake awaiting the client's first record
     */
    public boolean isPending(long serverConnectionId) {
        return byServerId.containsKey(serverConnectionId);
    }

    /** @return handshakes awaiting the client's first record */
    public int pendingCount() {
        return byClientId.size();
    }

    /**
     * @param reason a drop reason
     * @return datagrams dropped (or refused with a Reject) for it so far
     */
    public long drops(DropReason reason) {
        return drops[reason.ordinal()];
    }

    /** @return duplicate ClientHellos answered with the stored ServerHello */
    public long duplicatesAnswered() {
        return duplicatesAnswered;
    }

    /** @return Retry (cookie demand) datagrams sent */
    public long retriesSent() {
        return retriesSent;
    }
}
