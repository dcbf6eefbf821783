package io.uxp.runtime.handshake;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.uxp.fuzz.Check;
import io.uxp.fuzz.FuzzInput;
import io.uxp.runtime.HandshakeLimits;
import io.uxp.runtime.KeyUpdatePolicy;
import io.uxp.runtime.record.Frames;
import io.uxp.runtime.record.RecordHeader;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Fuzzes the server's datagram dispatch end to end without sockets: what {@code session.ServerRouter} and
 * {@code session.Acceptor} do on their threads (a record of a known connection ID goes to its connection, anything
 * else to {@link ServerHandshake}, a ClientHello at the connection cap to {@link ServerHandshake#refuse}), with
 * each established connection run by a {@link DispatchPipeline}, and a real client ({@link ClientHandshake} and its
 * own pipeline) on the other side. The endpoint itself needs a bound channel and worker threads, so it is not
 * driven here; every component it calls per datagram is. Input: a mode byte (authentication mode; FEC (3,2);
 * cookies always), then operations: a raw datagram from one of three addresses, the client's hello, a record or
 * KCP message from the client (optionally from a new address), time passing, a replay of the last datagram, and
 * delivery of the server's output to the client. Checked: nothing throws; a reply is at most three times the
 * datagram that caused it; connections plus pending handshakes never exceed the connection cap.
 */
class ServerDispatchFuzzTest {

    private static final int RAW = 0;
    private static final int HELLO = 1;
    private static final int RECORD = 2;
    private static final int MESSAGE = 3;
    private static final int CLOCK = 4;
    private static final int REPLAY = 5;
    private static final int TO_CLIENT = 6;
    private static final int OPERATIONS = 7;
    private static final int MAX_OPERATIONS = 96;
    private static final int MAX_CONNECTIONS = 3;
    private static final int MAX_PENDING = 4;
    private static final InetSocketAddress[] SOURCES = {HandshakeRig.CLIENT, HandshakeRig.address(3, 40_001),
        HandshakeRig.address(4, 5)};

    private final Map<Long, DispatchPipeline> connections = new HashMap<>();
    private final ArrayDeque<byte[]> toClient = new ArrayDeque<>();
    private ServerHandshake server;
    private ClientHandshake client;
    private DispatchPipeline clientSide;
    private byte[] clientHello;
    private long now;
    private int established;

    @FuzzTest
    void anyDatagramSequenceIsDispatchedWithinLimits(byte[] data) {
        FuzzInput in = new FuzzInput(data);
        int mode = in.u8();
        int auth = mode % HandshakeRig.MODES;
        boolean fec = (mode & 0x04) != 0;
        now = HandshakeRig.NOW;
        HandshakeLimits limits = new HandshakeLimits(10_000, 250, 2_000, MAX_PENDING, 2, (mode & 0x08) != 0, 20,
                4, 16);
        server = new ServerHandshake(HandshakeRig.serverSecurity(auth), HandshakeRig.REGISTRY,
                HandshakeRig.preferences(fec), limits,
                KeyUpdatePolicy.defaults(), new SplittableRandom(99), now);
        client = HandshakeRig.client(auth, fec);
        clientHello = client.start(now);
        clientSide = null;
        connections.clear();
        toClient.clear();
        established = 0;
        byte[] last = clientHello;
        InetSocketAddress lastFrom = HandshakeRig.CLIENT;
        for (int i = 0; i < MAX_OPERATIONS && in.hasMore(); i++) {
            int op = in.u8();
            InetSocketAddress from = (op & 0x80) != 0 ? SOURCES[1 + (op >> 6 & 1)] : HandshakeRig.CLIENT;
            switch ((op & 0x0F) % OPERATIONS) {
                case RAW -> {
                    last = in.chunk();
                    lastFrom = SOURCES[in.u8() % SOURCES.length];
                    dispatch(lastFrom, last);
                }
                case HELLO -> {
                    last = clientHello;
                    lastFrom = from;
                    dispatch(from, last);
                }
                case RECORD -> {
                    if (client.session() != null) {
                        last = seal(in.chunk());
                        lastFrom = from;
                        dispatch(from, last);
                    }
                }
                case MESSAGE -> {
                    if (clientSide != null) {
                        clientSide.send(in.chunk(), now);
                    }
                }
                case CLOCK -> {
                    now += in.u16() * 10L;
                    server.onTimeout(now);
                    connections.values().forEach(c -> c.update(now));
                    if (clientSide != null) {
                        clientSide.update(now);
                    }
                }
                case REPLAY -> dispatch(lastFrom, last);
                default -> {
                    for (int k = in.u8() % 8; k >= 0 && !toClient.isEmpty(); k--) {
                        toClientSide(toClient.poll());
                    }
                }
            }
            Check.that(connections.size() == established
                    && connections.size() + server.pendingCount() <= MAX_CONNECTIONS,
                    established + " connections and " + server.pendingCount() + " pending handshakes");
        }
    }

    /** Routes a datagram as ServerRouter.onReceived and Acceptor.accept do. */
    private void dispatch(InetSocketAddress from, byte[] datagram) {
        if (datagram.length >= RecordHeader.LENGTH && RecordHeader.isProtected(datagram[0])) {
            DispatchPipeline c = connections.get(RecordHeader.connectionId(datagram, 0));
            if (c != null) {
                c.input(datagram, now);
                return;
            }
        }
        byte[] copy = datagram.clone();
        boolean full = copy.length > 0 && copy[0] == Wire.TYPE_CLIENT_HELLO
                && connections.size() + server.pendingCount() >= MAX_CONNECTIONS;
        ServerHandshake.Outcome outcome = full
                ? server.refuse(from, copy, 0, copy.length, "at the limit", now)
                : server.onDatagram(from, copy, 0, copy.length, now);
        switch (outcome) {
            case REPLY -> {
                byte[] reply = server.reply();
                Check.that(reply != null && reply.length <= Wire.AMPLIFICATION_FACTOR * copy.length,
                        "a reply of " + (reply == null ? "null" : reply.length) + " bytes to " + copy.length);
                if (from.equals(HandshakeRig.CLIENT)) {
                    toClient.add(reply);
                }
            }
            case ESTABLISHED -> {
                Session session = server.established();
                Check.that(session != null && !connections.containsKey(session.localConnectionId()),
                        "established twice, or without a session");
                established++;
                DispatchPipeline c = new DispatchPipeline(session, (int) session.localConnectionId(),
                        toClient::add, now);
                connections.put(session.localConnectionId(), c);
                c.plaintext(copy, server.payloadOffset(), server.payloadLength(), now);
            }
            case DROPPED -> Check.that(server.dropReason() != null, "dropped without a reason");
        }
    }

    /**
     * The client's side: handshake replies go to its handshake, records to its pipeline; once established, a late
     * ServerHello, Retry or Reject (the answer to a retransmitted hello) is ignored, as the runtime's pipeline does.
     */
    private void toClientSide(byte[] datagram) {
        if (clientSide != null) {
            boolean late = datagram.length > 0 && ClientHandshake.isServerHandshakeMessage(datagram[0]);
            Check.that(!late || !clientSide.input(datagram, now), "a handshake message opened as a record");
            return;
        }
        ClientHandshake.Step step = client.onDatagram(datagram, 0, datagram.length, now);
        if (step == ClientHandshake.Step.SEND) {
            clientHello = client.outgoing();
        } else if (step == ClientHandshake.Step.ESTABLISHED) {
            Session s = client.session();
            clientSide = new DispatchPipeline(s, (int) s.peerConnectionId(), d -> dispatch(HandshakeRig.CLIENT, d),
                    now);
        }
    }

    private byte[] seal(byte[] plaintext) {
        var protector = client.session().protector();
        byte[] p = plaintext.length > 0 ? plaintext : new byte[] {Frames.KEEPALIVE};
        byte[] d = new byte[protector.overheadBytes() + p.length];
        System.arraycopy(p, 0, d, protector.payloadOffset(0), p.length);
        int n = protector.seal(d, 0, p.length, now);
        return java.util.Arrays.copyOf(d, n);
    }

    /** @return connections the last input established, for {@link SeedsReachTest} */
    int established() {
        return established;
    }

    /** @return whether the client side completed its handshake in the last input */
    boolean clientEstablished() {
        return clientSide != null;
    }

    static Map<String, byte[]> seeds() {
        return DispatchSeeds.seeds();
    }
}
