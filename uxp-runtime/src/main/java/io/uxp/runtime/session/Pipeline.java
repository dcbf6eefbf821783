package io.uxp.runtime.session;

import io.uxp.api.DropReason;
import io.uxp.api.NegotiatedSuite;
import io.uxp.api.spi.CipherProvider;
import io.uxp.api.spi.FecDecoder;
import io.uxp.api.spi.PacketSink;
import io.uxp.api.spi.ProviderKind;
import io.uxp.api.spi.ProviderRegistry;
import io.uxp.kcp.KcpConfig;
import io.uxp.kcp.KcpEngine;
import io.uxp.kcp.KcpOutput;
import io.uxp.runtime.ConnectionSettings;
import io.uxp.runtime.handshake.ClientHandshake;
import io.uxp.runtime.handshake.Session;
import io.uxp.runtime.io.Clock;
import io.uxp.runtime.io.DatagramOut;
import io.uxp.runtime.record.Frames;
import io.uxp.runtime.record.RecordHeader;
import io.uxp.runtime.record.RecordProtector;
import io.uxp.runtime.record.RecordUnprotector;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's packet path, both ways, in place: application bytes -> KCP -> FEC (if negotiated) -> DATA
 * frame -> record (AEAD) -> UDP, and back. KCP is configured with headroom for the FEC header, the DATA frame
 * header, the record header and the cipher's prefix, and tailroom for its suffix ({@link PacketLayout}), so a
 * KCP datagram is sealed where KCP wrote it. FEC sits inside the encryption: the decoder only ever sees
 * authenticated shards.
 *
 * <p>Layout of every data datagram: {@code record header(17) | cipher prefix | 0x01 len(2) | [FEC header] |
 * KCP datagram | cipher suffix}. One owner thread (the connection's worker); nothing allocates per packet.
 *
 * <p>Addresses (docs/PROTOCOL.md section 9): everything but path validation goes to the validated address. A
 * server's connection moves to a new client address only through its {@link PathValidator}; a client's accepts
 * records from the server's address only, and answers a PATH_CHALLENGE there.
 *
 * <p>Providers: every call into the cipher, the FEC scheme and the congestion controller that throws comes out
 * as a {@link ProviderFailure} naming the provider, which closes this connection ({@link UxpConnection}).
 */
final class Pipeline implements KcpOutput, PacketSink, Frames.Handler, PathValidator.Probe {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    /** The source of every connection's challenge data; thread-safe, used only when a validation starts. */
    private static final SecureRandom PATH_RANDOM = new SecureRandom();

    /** Bytes reserved for a control record's plaintext: a CLOSE frame with the longest detail. */
    private static final int CONTROL_PLAINTEXT_BYTES = Frames.CLOSE_HEADER_BYTES + Frames.MAX_CLOSE_DETAIL_BYTES;

    private final UxpConnection owner;
    private final RecordProtector protector;
    private final RecordUnprotector unprotector;
    private final KcpEngine kcp;
    /** The FEC encoder and decoder; {@code null} without FEC. */
    private final FecStage fec;
    private final CipherProvider cipher;
    private final DatagramOut out;
    private final ConnectionCounters counters;
    private final int prefixBytes;
    private final byte[] control;
    private final PacketSink toKcp = this::inputKcp;
    private final Clock clock;
    /** The server's validation of a new client address; {@code null} on a client, which never moves. */
    private final PathValidator path;
    private volatile InetSocketAddress remote;
    /** The source of the datagram being processed, for the path frames it holds. */
    private InetSocketAddress source;
    private long nowMillis;
    /** The time of the KCP calls that follow, in microseconds (the engine's unit). */
    private long nowMicros;
    private long lastSentMillis;
    private long lastReceivedMillis;
    private boolean keyExhausted;

    Pipeline(UxpConnection owner, Session session, int conv, ConnectionSettings settings, ProviderRegistry registry,
            DatagramOut out, InetSocketAddress remote, ConnectionCounters counters,
            Clock clock, long nowMillis, boolean server) {
        this.owner = owner;
        this.clock = clock;
        this.protector = session.protector();
        this.unprotector = session.unprotector();
        this.out = out;
        this.remote = remote;
        this.counters = counters;
        NegotiatedSuite suite = session.suite();
        CipherProvider cipher = registry.cipher(suite.cipher());
        this.cipher = cipher;
        this.prefixBytes = cipher.prefixBytes();
        PacketLayout layout = PacketLayout.of(suite, registry, cipher, settings);
        this.fec = FecStage.of(suite, registry, layout.kcpMtuBytes(), layout.beforeFecBytes(), layout.suffixBytes(),
                settings.intervalMillis(), PacketLayout.fecGroupTimeoutMillis(settings));
        KcpConfig config = layout.kcpConfig(settings, suite.fecParams() != null);
        this.kcp = new KcpEngine(conv, config,
                GuardedController.create(registry.congestionControl(suite.congestionControl()), config.mssBytes()),
                this);
        this.control = new byte[RecordHeader.LENGTH + cipher.overheadBytes() + CONTROL_PLAINTEXT_BYTES];
        // the RTO snapshot allocates, but only when a validation starts
        this.path = server ? new PathValidator(this, PATH_RANDOM, counters, () -> kcp.stats().rtoMillis(),
                RecordHeader.LENGTH + cipher.overheadBytes() + Frames.PATH_FRAME_BYTES) : null;
        this.source = remote;
        this.nowMillis = nowMillis;
        this.lastSentMillis = nowMillis;
        this.lastReceivedMillis = nowMillis;
    }

    KcpEngine kcp() {
        return kcp;
    }

    FecDecoder fecDecoder() {
        return fec == null ? null : fec.decoder();
    }

    InetSocketAddress remote() {
        return remote;
    }

    long lastSentMillis() {
        return lastSentMillis;
    }

    long lastReceivedMillis() {
        return lastReceivedMillis;
    }

    boolean keyExhausted() {
        return keyExhausted;
    }

    int generations() {
        return protector.generation() + unprotector.generation();
    }

    /**
     * @param now the time for the FEC and record calls that follow, in milliseconds
     * @param micros the time for the KCP calls that follow, in microseconds
     */
    void setNow(long now, long micros) {
        this.nowMillis = now;
        this.nowMicros = micros;
    }

    /**
     * Opens and processes one datagram addressed to this connection.
     *
     * @return the reason it was dropped, or {@code null} if it authenticated (or, on a client, was a late handshake
     *     answer, ignored)
     */
    DropReason input(byte[] data, int length, InetSocketAddress source, long now) {
        nowMillis = now;
        nowMicros = clock.nowMicros();
        boolean validated = source.equals(remote);
        if (path == null) {
            if (!validated) {
                // a client: the server never moves, so a record from elsewhere is not looked at
                counters.drop(DropReason.UNEXPECTED_SOURCE);
                return DropReason.UNEXPECTED_SOURCE;
            }
            if (length > 0 && ClientHandshake.isServerHandshakeMessage(data[0])) {
                // a late ServerHello (or Retry) answering a retransmitted hello: not a malformed record
                return null;
            }
        }
        int n;
        try {
            n = unprotector.open(data, 0, length, now);
        } catch (RuntimeException e) {
            throw cipherFailed("PacketOpener.open", e);
        }
        if (n < 0) {
            DropReason reason = RecordUnprotector.dropReason(n);
            counters.drop(reason);
            return reason;
        }
        counters.packetsIn++;
        counters.bytesIn += length;
        lastReceivedMillis = now;
        this.source = source;
        if (!validated) {
            // a NAT rebinding, or a copy an attacker sent from elsewhere: only a validation can tell
            path.fromOtherAddress(source, length, unprotector.openedLargest(), now);
        } else if (path != null && path.active()) {
            path.fromValidatedAddress(unprotector.openedLargest());
        }
        if (!Frames.read(data, unprotector.payloadOffset(0), n, this)) {
            counters.drop(DropReason.MALFORMED);
            return DropReason.MALFORMED;
        }
        return null;
    }

    /**
     * Processes an already opened plaintext: the server's first record, opened by the handshake. From another
     * address than the hello's (a NAT rebinding during the handshake, or a copy sent ahead of the record), it is
     * the newest record from a new address, so it starts a validation there, as any other would.
     *
     * @param from the record's source
     * @param datagramBytes the record's datagram length, what a validation of {@code from} may spend 3x of
     */
    void inputPlaintext(byte[] data, int offset, int length, InetSocketAddress from, int datagramBytes, long now) {
        nowMillis = now;
        source = from;
        nowMicros = clock.nowMicros();
        lastReceivedMillis = now;
        counters.packetsIn++;
        counters.bytesIn += length;
        if (path != null && !from.equals(remote)) {
            path.fromOtherAddress(from, datagramBytes, true, now);
        }
        if (!Frames.read(data, offset, length, this)) {
            counters.drop(DropReason.MALFORMED);
        }
    }

    @Override
    public void onData(byte[] buffer, int offset, int length) {
        if (fec != null) {
            if (!fec.decode(buffer, offset, length, nowMillis, toKcp)) {
                counters.drop(DropReason.FEC_REJECTED);
            }
        } else {
            inputKcp(buffer, offset, length);
        }
    }

    private void inputKcp(byte[] buffer, int offset, int length) {
        if (kcp.input(buffer, offset, length, nowMicros) != KcpEngine.OK) {
            counters.drop(DropReason.KCP_REJECTED);
        }
        owner.onKcpInput();
    }

    @Override
    public void onKeepalive() {
        // lastReceivedMillis already moved: any authenticated record keeps the connection alive
    }

    @Override
    public void onClose(int code, String detail) {
        owner.onPeerClose(code, detail);
    }

    /** Answers to where the challenge came from: the validated address, or the candidate within its budget. */
    @Override
    public void onPathChallenge(long data) {
        if (source.equals(remote)) {
            sendPath(Frames.PATH_RESPONSE, data, remote);
        } else {
            path.answer(data, source);
        }
    }

    @Override
    public void onPathResponse(long data) {
        if (path == null) {
            // a client never challenges: nothing to validate
            return;
        }
        InetSocketAddress validated = path.onResponse(data, source);
        if (validated != null) {
            remote = validated;
            LOG.debug("connection moved to {}", validated);
        }
    }

    /** Runs the path validation's timer. */
    void onPathTimer(long now) {
        if (path != null) {
            nowMillis = now;
            path.onTimer(now);
        }
    }

    /** @return when the path validation's timer is due, or {@link Long#MAX_VALUE} */
    long nextPathTimerMillis() {
        return path == null ? Long.MAX_VALUE : path.nextTimerMillis();
    }

    /** KCP's output: a datagram at {@code [offset, offset + length)} with our headroom and tailroom around it. */
    @Override
    public void output(byte[] buffer, int offset, int length) {
        if (fec != null) {
            fec.encode(buffer, offset, length, nowMillis, this);
        } else {
            accept(buffer, offset, length);
        }
    }

    /** A packet (KCP datagram or FEC shard) to frame, seal and send in place. */
    @Override
    public void accept(byte[] buffer, int offset, int length) {
        int frame = offset - Frames.DATA_HEADER_BYTES;
        Frames.writeDataHeader(buffer, frame, length);
        int datagram = frame - prefixBytes - RecordHeader.LENGTH;
        seal(buffer, datagram, Frames.DATA_HEADER_BYTES + length, remote);
    }

    /** Runs the FEC encoder's flush timer. */
    void flushFec(long now) {
        if (fec != null) {
            nowMillis = now;
            fec.flushIfDue(now, this);
        }
    }

    /** @return when the FEC encoder must flush a partial group, or {@link Long#MAX_VALUE} */
    long nextFecFlushMillis() {
        return fec == null ? Long.MAX_VALUE : fec.nextFlushMillis();
    }

    /** Sends a record holding one KEEPALIVE frame. */
    void sendKeepalive(long now) {
        nowMillis = now;
        int plaintext = protector.payloadOffset(0);
        int n = Frames.writeKeepalive(control, plaintext);
        seal(control, 0, n, remote);
    }

    /** Sends a record holding one CLOSE frame (unreliable: the caller repeats it). */
    void sendClose(int code, String detail, long now) {
        nowMillis = now;
        int plaintext = protector.payloadOffset(0);
        int n = Frames.writeClose(control, plaintext, code, detail);
        seal(control, 0, n, remote);
    }

    /** Sends a record holding one PATH_CHALLENGE or PATH_RESPONSE frame, at the current time. */
    @Override
    public int sendPath(int type, long data, InetSocketAddress to) {
        int n = Frames.writePath(control, protector.payloadOffset(0), type, data);
        return seal(control, 0, n, to);
    }

    /** @return the datagram's length if sent, else 0 or less */
    private int seal(byte[] buffer, int datagram, int plaintextLength, InetSocketAddress to) {
        int n;
        try {
            n = protector.seal(buffer, datagram, plaintextLength, nowMillis);
        } catch (RuntimeException e) {
            throw cipherFailed("PacketSealer.seal", e);
        }
        if (n == RecordProtector.KEY_EXHAUSTED) {
            keyExhausted = true;
            return n;
        }
        int sent = out.send(buffer, datagram, n, to);
        if (to == remote) {
            // what goes to an unvalidated address keeps neither the peer nor our keepalive timer alive
            lastSentMillis = nowMillis;
        }
        if (sent > 0) {
            counters.packetsOut++;
            counters.bytesOut += sent;
        } else {
            counters.socketDrops++;
        }
        return sent;
    }

    private ProviderFailure cipherFailed(String call, RuntimeException e) {
        return ProviderFailure.of(ProviderKind.CIPHER, cipher.name(), cipher, call, e);
    }

    /** Destroys the keys; a provider that throws here is logged, since the connection is closed already. */
    void destroy() {
        try {
            protector.destroy();
            unprotector.destroy();
        } catch (RuntimeException e) {
            LOG.warn("cipher provider '{}' ({}) threw while destroying a connection's keys", cipher.name(),
                    io.uxp.api.spi.ProviderRegistry.origin(cipher), e);
        }
    }
}
