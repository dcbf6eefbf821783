package io.uxp.runtime.handshake;

import io.uxp.api.HandshakeException;
import io.uxp.api.HandshakeException.Reason;
import io.uxp.api.NegotiatedSuite;
import io.uxp.api.spi.CipherProvider;
import io.uxp.api.spi.ProviderRegistry;
import io.uxp.runtime.AuthenticationMode;
import io.uxp.runtime.ClientSecurity;
import io.uxp.runtime.FecOffer;
import io.uxp.runtime.HandshakeLimits;
import io.uxp.runtime.KeyUpdatePolicy;
import io.uxp.runtime.ProviderPreferences;
import io.uxp.runtime.negotiation.Negotiator;
import io.uxp.runtime.negotiation.Offers;
import io.uxp.runtime.record.RecordProtector;
import io.uxp.runtime.record.RecordUnprotector;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The client's side of the handshake, I/O-free: {@link #start} returns the ClientHello to send; each
 * received datagram goes to {@link #onDatagram}, each expiry of {@link #nextTimeoutMillis()} to
 * {@link #onTimeout}. A {@link Step#SEND} result means "send {@link #outgoing()}", {@link Step#ESTABLISHED}
 * means {@link #session()} is ready (send a record at once: it confirms the keys to the server),
 * {@link Step#FAILED} means {@link #failure()} says why. One owner thread.
 *
 * <p>Nothing unauthenticated ends the handshake at once (docs/PROTOCOL.md sections 5 to 7 and 11): the client
 * answers the first Retry only, accepts a ServerHello that confirms either hello it sent (the first, or the one
 * with the cookie), and takes a Reject or a ServerHello that fails its checks as a verdict that stands only if no
 * valid ServerHello arrives within {@link HandshakeLimits#failureGraceMillis()} (and at the latest at the
 * handshake timeout). Someone who merely sees and injects packets therefore cannot end it with a forgery.
 */
public final class ClientHandshake {

    /** What the caller does next. */
    public enum Step {
        /** Nothing: the datagram was not for this handshake, or no timer was due. */
        IGNORED,
        /** Send {@link #outgoing()}. */
        SEND,
        /** The handshake completed: use {@link #session()}. */
        ESTABLISHED,
        /** The handshake failed: see {@link #failure()}. */
        FAILED
    }

    private enum State { NEW, AWAITING, ESTABLISHED, FAILED }

    private final ClientSecurity security;
    private final ProviderRegistry registry;
    private final ProviderPreferences preferences;
    private final HandshakeLimits limits;
    private final KeyUpdatePolicy keyPolicy;
    private final RandomGenerator random;
    private final KeyExchange keyExchange;

    private State state = State.NEW;
    private long connectionId;
    private final byte[] ephemeralPrivate = new byte[Wire.KEY_BYTES];
    private byte[] ephemeralPublic;
    private final byte[] clientRandom = new byte[Wire.RANDOM_BYTES];
    private Offers offers;
    private byte[] cookie = new byte[0];
    private byte[] hello;
    /** The cookie-less hello, kept once a Retry was answered: the server may have answered it, not the Retry. */
    private byte[] firstHello;
    private long startedMillis;
    private long nextRetransmitMillis;
    private int retransmissions;
    private int hellosSent;
    /** Retries that came after the one answered, ignored (QUIC's rule, RFC 9000 section 17.2.5.2). */
    private int retriesIgnored;
    /** Datagrams that came back but were no answer to this handshake. */
    private int strays;
    /** The failure an unauthenticated answer announced, and when it stands if nothing valid came by then. */
    private HandshakeException verdict;
    private long verdictAtMillis = Long.MAX_VALUE;
    private byte[] outgoing;
    private Session session;
    private HandshakeException failure;

    /**
     * @param security how the server is authenticated
     * @param registry the providers present
     * @param preferences the allow-lists, in preference order
     * @param limits the timers
     * @param keyPolicy the record layer's key limits
     * @param random the entropy source, normally a {@link java.security.SecureRandom}
     */
    public ClientHandshake(ClientSecurity security, ProviderRegistry registry, ProviderPreferences preferences,
            HandshakeLimits limits, KeyUpdatePolicy keyPolicy, RandomGenerator random) {
        this(security, registry, preferences, limits, keyPolicy, random, new KeyExchange());
    }

    ClientHandshake(ClientSecurity security, ProviderRegistry registry, ProviderPreferences preferences,
            HandshakeLimits limits, KeyUpdatePolicy keyPolicy, RandomGenerator random, KeyExchange keyExchange) {
        this.security = security;
        this.registry = registry;
        this.preferences = preferences;
        this.limits = limits;
        this.keyPolicy = keyPolicy;
        this.random = random;
        this.keyExchange = keyExchange;
    }

    /**
     * @param nowMillis the current time
     * @return the ClientHello datagram to send
     * @throws HandshakeException with {@code NO_COMMON_PROVIDER} if this side has nothing to offer
     */
    public byte[] start(long nowMillis) {
        if (state != State.NEW) {
            throw new IllegalStateException("the handshake has already started");
        }
        offers = Negotiator.offer(registry, preferences);
        connectionId = random.nextLong();
        ephemeralPublic = keyExchange.generate(random, ephemeralPrivate);
        random.nextBytes(clientRandom);
        hello = buildHello();
        state = State.AWAITING;
        startedMillis = nowMillis;
        nextRetransmitMillis = nowMillis + limits.initialRetransmitMillis();
        hellosSent = 1;
        return hello.clone();
    }

    private byte[] buildHello() {
        AuthenticationMode mode = security.mode();
        int flags = (mode.usesServerKey() ? Wire.FLAG_PINNED_SERVER_KEY : 0)
                | (mode.usesPreSharedKey() ? Wire.FLAG_PRE_SHARED_KEY : 0);
        return new ClientHello(connectionId, ephemeralPublic, clientRandom, flags, cookie, offers).encode();
    }

    /** @return when {@link #onTimeout} next has work, or {@link Long#MAX_VALUE} */
    public long nextTimeoutMillis() {
        return state == State.AWAITING ? Math.min(Math.min(nextRetransmitMillis, verdictAtMillis),
                startedMillis + limits.handshakeTimeoutMillis()) : Long.MAX_VALUE;
    }

    /**
     * Retransmits the ClientHello with exponential backoff, or gives up: when an unauthenticated refusal's grace
     * ran out, or at the handshake timeout (with that refusal's reason if one came).
     *
     * @param nowMillis the current time
     * @return {@link Step#SEND}, {@link Step#FAILED} or {@link Step#IGNORED}
     */
    public Step onTimeout(long nowMillis) {
        if (state != State.AWAITING) {
            return Step.IGNORED;
        }
        if (nowMillis >= verdictAtMillis
                || (verdict != null && nowMillis - startedMillis >= limits.handshakeTimeoutMillis())) {
            return fail(verdict);
        }
        if (nowMillis - startedMillis >= limits.handshakeTimeoutMillis()) {
            return fail(Reason.TIMEOUT, timeoutMessage());
        }
        if (nowMillis < nextRetransmitMillis) {
            return Step.IGNORED;
        }
        retransmissions++;
        hellosSent++;
        long backoff = Math.min(limits.maxRetransmitMillis(),
                limits.initialRetransmitMillis() << Math.min(retransmissions, 20));
        nextRetransmitMillis = nowMillis + backoff;
        outgoing = hello.clone();
        return Step.SEND;
    }

    /**
     * @param buffer a received datagram
     * @param offset its start
     * @param length its length
     * @param nowMillis the current time
     * @return what to do next; never throws on bad input
     */
    public Step onDatagram(byte[] buffer, int offset, int length, long nowMillis) {
        if (state != State.AWAITING || length < 1) {
            return Step.IGNORED;
        }
        return switch (buffer[offset]) {
            case Wire.TYPE_SERVER_HELLO -> onServerHello(buffer, offset, length, nowMillis);
            case Wire.TYPE_RETRY -> onRetry(Retry.parse(buffer, offset, length), nowMillis);
            case Wire.TYPE_REJECT -> onReject(Reject.parse(buffer, offset, length), nowMillis);
            default -> stray();
        };
    }

    /**
     * Whether a datagram's first byte marks a message only a server's handshake sends (ServerHello, Retry,
     * Reject). Once established, a client receives such a message when the server answered a retransmitted or
     * duplicated ClientHello (docs/PROTOCOL.md section 11): a late answer, not a malformed record.
     *
     * @param type a datagram's first byte
     * @return whether it is a ServerHello, Retry or Reject
     */
    public static boolean isServerHandshakeMessage(byte type) {
        return type == Wire.TYPE_SERVER_HELLO || type == Wire.TYPE_RETRY || type == Wire.TYPE_REJECT;
    }

    private Step stray() {
        strays++;
        return Step.IGNORED;
    }

    /**
     * Notes what an unauthenticated answer says; it becomes the failure unless a valid ServerHello comes within
     * the grace. The latest such answer is reported (the server answers each retransmission, so its own answer
     * is the latest), but the grace runs from the first.
     */
    private Step verdict(Reason reason, String message, long nowMillis) {
        if (limits.failureGraceMillis() == 0) {
            return fail(reason, message);
        }
        verdict = new HandshakeException(reason, message);
        verdictAtMillis = Math.min(verdictAtMillis, nowMillis + limits.failureGraceMillis());
        return Step.IGNORED;
    }

    private String timeoutMessage() {
        String within = " within " + limits.handshakeTimeoutMillis() + " ms (" + hellosSent + " ClientHellos sent)";
        if (firstHello != null) {
            String refused = retriesIgnored == 0 ? "" : "; it sent " + retriesIgnored + " more Retries after this "
                    + "client answered the first: if they answer the hello with the cookie, the server refuses that "
                    + "cookie (the client's address changed during the handshake, or the first Retry was forged)";
            return "the server demanded a cookie (a Retry) but sent no ServerHello" + within + ": the server is "
                    + "busy or limiting handshakes from this address (its stats count HANDSHAKE_LIMITED); try again "
                    + "later" + refused;
        }
        if (strays > 0) {
            return "no valid answer from the server" + within + ", though " + strays + " datagrams arrived that "
                    + "answer no hello of this handshake: is a UXP server of this protocol version listening at that "
                    + "address and port?";
        }
        return "no answer from the server" + within + ": nothing came back; check the address and port, that a "
                + "UXP server runs there and that no firewall drops UDP";
    }

    private Step onRetry(Retry retry, long nowMillis) {
        if (retry == null || retry.clientConnectionId() != connectionId) {
            return stray();
        }
        if (firstHello != null) {
            // A second Retry may answer a duplicate of the first hello, with a cookie of a later slot; following
            // it would orphan the ServerHello that answers the cookie already sent.
            retriesIgnored++;
            return Step.IGNORED;
        }
        firstHello = hello;
        cookie = retry.cookie();
        hello = buildHello();
        nextRetransmitMillis = nowMillis + limits.initialRetransmitMillis();
        retransmissions = 0;
        hellosSent++;
        outgoing = hello.clone();
        return Step.SEND;
    }

    private Step onReject(Reject reject, long nowMillis) {
        if (reject == null || reject.clientConnectionId() != connectionId) {
            return stray();
        }
        String why = "the server refused the handshake: " + reject.message();
        return switch (reject.reason()) {
            case Wire.REJECT_VERSION -> verdict(Reason.VERSION_MISMATCH, "the server speaks UXP protocol version "
                    + reject.version() + ", this client speaks " + Wire.VERSION + "; " + reject.message(), nowMillis);
            case Wire.REJECT_NO_COMMON_PROVIDER -> verdict(Reason.NO_COMMON_PROVIDER, why, nowMillis);
            case Wire.REJECT_AUTHENTICATION -> verdict(Reason.AUTHENTICATION_FAILED, why, nowMillis);
            case Wire.REJECT_REFUSED -> verdict(Reason.REJECTED, why, nowMillis);
            default -> verdict(Reason.PROTOCOL_ERROR, why, nowMillis);
        };
    }

    private Step onServerHello(byte[] buffer, int offset, int length, long nowMillis) {
        ServerHello sh = ServerHello.parse(buffer, offset, length);
        if (sh == null || sh.clientConnectionId() != connectionId) {
            return stray();
        }
        NegotiatedSuite suite = sh.suite();
        if (!offers.ciphers().contains(suite.cipher())
                || !offers.fecs().contains(new FecOffer(suite.fec(), suite.fecParams()))
                || !offers.congestionControls().contains(suite.congestionControl())) {
            return verdict(Reason.PROTOCOL_ERROR, "the server chose " + suite + ", which this client did not offer",
                    nowMillis);
        }
        byte[] dhEphemeral = new byte[Wire.KEY_BYTES];
        if (!keyExchange.agree(ephemeralPrivate, sh.ephemeralKey(), dhEphemeral, 0)) {
            return verdict(Reason.PROTOCOL_ERROR, "the server's ephemeral key is a low-order point", nowMillis);
        }
        byte[] dhStatic = null;
        if (security.mode().usesServerKey()) {
            dhStatic = new byte[Wire.KEY_BYTES];
            if (!keyExchange.agree(ephemeralPrivate, security.pinnedServerKey().orElseThrow().bytes(), dhStatic, 0)) {
                // this client's own configuration: no answer from anyone can repair it
                return fail(Reason.AUTHENTICATION_FAILED, "the pinned server key is a low-order point; pin the "
                        + "server's real public key");
            }
        }
        byte[] psk = security.preSharedKey().map(k -> k.bytes()).orElse(null);
        byte[] ikm = KeySchedule.ikm(dhEphemeral, dhStatic, psk);
        wipe(dhEphemeral, dhStatic, psk);
        KeySchedule keys = confirmedKeys(ikm, sh);
        Arrays.fill(ikm, (byte) 0);
        if (keys == null) {
            return verdict(Reason.AUTHENTICATION_FAILED, confirmationFailure(), nowMillis);
        }
        CipherProvider cipher = registry.cipher(suite.cipher());
        try {
            session = new Session(suite, connectionId, sh.serverConnectionId(),
                    new RecordProtector(cipher, keys.clientToServerSecret(), sh.serverConnectionId(), keyPolicy,
                            nowMillis),
                    new RecordUnprotector(cipher, keys.serverToClientSecret(), connectionId, keyPolicy));
        } catch (RuntimeException e) {
            // a local provider's fault, not the peer's: fail at once, naming it, rather than time out
            keys.destroy();
            return fail(Reason.PROTOCOL_ERROR, "cipher provider '" + cipher.name() + "' ("
                    + ProviderRegistry.origin(cipher) + ") threw " + e + " making the connection's sealer or opener");
        }
        keys.destroy();
        Arrays.fill(ephemeralPrivate, (byte) 0);
        state = State.ESTABLISHED;
        return Step.ESTABLISHED;
    }

    /** @return the keys of the sent hello (the current one, else the cookie-less one) the ServerHello confirms */
    private KeySchedule confirmedKeys(byte[] ikm, ServerHello sh) {
        for (byte[] sent : firstHello == null ? new byte[][] {hello} : new byte[][] {hello, firstHello}) {
            KeySchedule keys = KeySchedule.derive(ikm, sent, sh.transcriptPart());
            if (keys.confirms(sh.confirmation())) {
                return keys;
            }
            keys.destroy();
        }
        return null;
    }

    private String confirmationFailure() {
        String altered = "or the handshake was altered on the path";
        return switch (security.mode()) {
            case PINNED_SERVER_KEY -> "the server did not prove it holds the private key of the pinned server key "
                    + security.pinnedServerKey().orElseThrow() + ": a different server, a wrong pinned key or a "
                    + "man in the middle, " + altered;
            case PRE_SHARED_KEY -> "the server's handshake confirmation does not match: the client and the server "
                    + "hold different pre-shared keys, " + altered;
            case PINNED_SERVER_KEY_AND_PRE_SHARED_KEY -> "the server did not prove both the pinned server key "
                    + security.pinnedServerKey().orElseThrow() + " and the pre-shared key: a wrong key on either "
                    + "side or a man in the middle, " + altered;
            case UNAUTHENTICATED -> "the server's handshake confirmation does not match: the handshake was altered "
                    + "on the path";
        };
    }

    private static void wipe(byte[]... arrays) {
        for (byte[] a : arrays) {
            if (a != null) {
                Arrays.fill(a, (byte) 0);
            }
        }
    }

    private Step fail(Reason reason, String message) {
        return fail(new HandshakeException(reason, message));
    }

    private Step fail(HandshakeException e) {
        failure = e;
        state = State.FAILED;
        Arrays.fill(ephemeralPrivate, (byte) 0);
        return Step.FAILED;
    }

    /** @return the datagram to send after a {@link Step#SEND} */
    public byte[] outgoing() {
        return outgoing;
    }

    /** @return the established session, or {@code null} before {@link Step#ESTABLISHED} */
    public Session session() {
        return session;
    }

    /** @return why the handshake failed, or {@code null} */
    public HandshakeException failure() {
        return failure;
    }

    /** @return this client's connection ID, once started */
    public long connectionId() {
        return connectionId;
    }
}
