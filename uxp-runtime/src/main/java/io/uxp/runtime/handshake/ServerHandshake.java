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
import io.uxp.runtime.record.RecordUnprotector;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of the handshake, I/O-free. ClientHellos and the first protected record of each
 * pending handshake go to {@link #onDatagram}; the result says whether to drop, to send {@link #reply()}
 * to the sender, or to take the {@link #established()} session. Checks run cheapest first: size, version,
 * strict parse, duplicate, then {@link Admission} (cookie under pressure, pending caps, per-address rate), then
 * X25519 (docs/PROTOCOL.md section 11, "Server"). A datagram refused before admission changes no state. The
 * pending handshakes live in a {@link PendingTable}. One owner thread.
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

    private final ProviderRegistry registry;
    private final ProviderPreferences preferences;
    private final Admission admission;
    private final PendingTable pending;
    private final ServerKeyAgreement agreement;
    /** Shortest record any connection of this server could accept: header, one byte, least cipher overhead. */
    private final int minRecordBytes;
    private final long[] drops = new long[DropReason.values().length];

    private byte[] reply;
    private DropReason dropReason;
    private Session established;
    private InetSocketAddress helloAddress;
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
        this.registry = registry;
        this.preferences = preferences;
        this.admission = new Admission(limits, random, nowMillis);
        this.pending = new PendingTable(limits.maxPendingHandshakes());
        this.agreement = new ServerKeyAgreement(security, registry, keyPolicy, random, keyExchange,
                limits.handshakeTimeoutMillis(), pending);
        this.minRecordBytes = RecordHeader.LENGTH + 1 + leastOverhead(registry, preferences);
    }

    /** The smallest overhead among the ciphers this server allows and has (all it has if it allows none). */
    private static int leastOverhead(ProviderRegistry registry, ProviderPreferences preferences) {
        int least = Integer.MAX_VALUE;
        int any = Integer.MAX_VALUE;
        for (CipherProvider c : registry.ciphers()) {
            any = Math.min(any, c.overheadBytes());
            if (preferences.ciphers().contains(c.name())) {
                least = Math.min(least, c.overheadBytes());
            }
        }
        return least != Integer.MAX_VALUE ? least : any != Integer.MAX_VALUE ? any : 0;
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
        pending.expire(nowMillis);
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
        int version = ((buffer[offset + 1] & 0xFF) << 8) | (buffer[offset + 2] & 0xFF);
        if (version != Wire.VERSION) {
            long cid = new WireReader(buffer, offset + 3, Long.BYTES).u64();
            return send(new Reject(Wire.VERSION, cid, Wire.REJECT_VERSION, "this server speaks version "
                    + Wire.VERSION + " only").encode());
        }
        // The strict parse comes before anything that changes state, a rate-limit token included.
        ClientHello hello = ClientHello.parse(buffer, offset, length);
        if (hello == null) {
            return drop(DropReason.HANDSHAKE_INVALID);
        }
        byte[] digest = sha256(buffer, offset, length);
        PendingHandshake existing = pending.byClient(hello.connectionId(), from);
        if (existing != null) {
            return duplicate(existing, digest, length);
        }
        if (pending.recentlyConfirmed(hello.connectionId())) {
            // A retransmission that arrived after the client's first record: the connection exists already.
            return drop(DropReason.REPLAYED);
        }
        switch (admission.admit(from, hello.cookie(), pending, nowMillis)) {
            case RETRY -> {
                retriesSent++;
                return send(new Retry(hello.connectionId(), admission.mintCookie(from, nowMillis)).encode());
            }
            case LIMITED -> {
                return drop(DropReason.HANDSHAKE_LIMITED);
            }
            case FULL -> {
                drops[DropReason.HANDSHAKE_LIMITED.ordinal()]++;
                return send(new Reject(Wire.VERSION, hello.connectionId(), Wire.REJECT_REFUSED,
                        "too many pending handshakes; try again later").encode());
            }
            case ADMIT -> {
                // on to the key exchange
            }
        }
        String authProblem = agreement.authenticationMismatch(hello.flags());
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
     * for a server at its connection cap. Only a hello that parses strictly is answered, and short hellos never
     * are, so the Reject (at most 526 bytes for at least 1,200 received) cannot amplify a flood.
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
        ClientHello hello = length > 0 && buffer[offset] == Wire.TYPE_CLIENT_HELLO
                ? ClientHello.parse(buffer, offset, length) : null;
        if (hello == null) {
            return drop(DropReason.HANDSHAKE_INVALID);
        }
        drops[DropReason.HANDSHAKE_LIMITED.ordinal()]++;
        return send(new Reject(Wire.VERSION, hello.connectionId(), Wire.REJECT_REFUSED, message).encode());
    }

    private Outcome accept(ClientHello hello, byte[] clientHello, byte[] digest, Choice choice,
            InetSocketAddress from, long nowMillis) {
        PendingHandshake p = agreement.agree(hello, clientHello, digest, choice, from, nowMillis);
        admission.keyExchanged(nowMillis);
        if (p == null) {
            return drop(DropReason.HANDSHAKE_INVALID);
        }
        pending.add(p);
        return send(p.serverHello);
    }

    private Outcome duplicate(PendingHandshake p, byte[] digest, int length) {
        if (!MessageDigest.isEqual(p.helloDigest, digest)) {
            return drop(DropReason.HANDSHAKE_INVALID);
        }
        p.bytesReceived += length;
        if (p.bytesSent + p.serverHello.length > (long) Wire.AMPLIFICATION_FACTOR * p.bytesReceived) {
            return drop(DropReason.HANDSHAKE_LIMITED);
        }
        p.bytesSent += p.serverHello.length;
        duplicatesAnswered++;
        return send(p.serverHello.clone());
    }

    private Outcome onRecord(byte[] buffer, int offset, int length, long nowMillis) {
        // Too short for any cipher this server allows: malformed, before the connection ID is even looked at.
        if (length < minRecordBytes) {
            return drop(DropReason.MALFORMED);
        }
        PendingHandshake p = pending.byServerId(RecordHeader.connectionId(buffer, offset));
        if (p == null) {
            return drop(DropReason.UNKNOWN_CONNECTION);
        }
        RecordUnprotector unprotector = p.session.unprotector();
        int n;
        try {
            n = unprotector.open(buffer, offset, length, nowMillis);
        } catch (RuntimeException e) {
            // the cipher provider's fault, not the client's: the record cannot be opened; the log names it
            LOG.warn("cipher provider '{}' threw opening a client's first record; record dropped",
                    p.session.suite().cipher(), e);
            return drop(DropReason.AUTHENTICATION_FAILED);
        }
        if (n < 0) {
            // A wrong pre-shared key on the client shows here: its first record does not authenticate.
            return drop(RecordUnprotector.dropReason(n));
        }
        pending.confirm(p);
        established = p.session;
        helloAddress = p.address;
        payloadOffset = unprotector.payloadOffset(offset);
        payloadLength = n;
        return Outcome.ESTABLISHED;
    }

    /**
     * Discards pending handshakes whose time is up.
     *
     * @param nowMillis the current time
     */
    public void onTimeout(long nowMillis) {
        pending.expire(nowMillis);
    }

    /** @return when the oldest pending handshake expires, or {@link Long#MAX_VALUE} */
    public long nextTimeoutMillis() {
        return pending.nextExpiryMillis();
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

    /**
     * @return the source of the ClientHello of the last {@link Outcome#ESTABLISHED}: where the ServerHello went,
     *     so the client's authenticated first record proves that address receives (docs/PROTOCOL.md section
     *     9.1); the first record itself may have come from elsewhere
     */
    public InetSocketAddress helloAddress() {
        return helloAddress;
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
        return pending.containsServerId(serverConnectionId);
    }

    /** @return handshakes awaiting the client's first record */
    public int pendingCount() {
        return pending.size();
    }

    /**
     * @param nowMillis the current time
     * @return whether the server is under pressure: cookies demanded, per-address limits applied
     */
    public boolean underPressure(long nowMillis) {
        return admission.underPressure(pending, nowMillis);
    }

    /** @return addresses and prefixes the fair limits track (bounded by the pending cap and the limiter size) */
    int trackedSources() {
        return pending.trackedSources() + admission.rateLimitedSources();
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
