package io.uxp.kcp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.uxp.api.spi.ProviderRegistry;
import io.uxp.fuzz.AllocationMeter;
import io.uxp.fuzz.Check;
import io.uxp.fuzz.FuzzInput;
import io.uxp.fuzz.FuzzOutput;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuzzes {@link KcpEngine#input} on a real engine that also sends, receives, updates and flushes, with a peer
 * engine on a link the fuzzer drops and reorders. Input: a config byte (modern mode, stream mode, congestion
 * control, nodelay, small windows, small MTU), then operations: input raw bytes, send, receive, update, flush,
 * check, or exchange datagrams with the peer (a drop mask chooses which arrive). Checked after each: input answers
 * OK or an {@code INPUT_} code, and a refused datagram changes nothing observable; every datagram the engine emits
 * is at most the MTU and a valid KCP datagram of its conversation; {@code check} lies within one interval
 * (reference mode) or names the next event, before which a flush sends nothing (modern mode); receive never
 * exceeds its capacity; nothing throws; an input allocates at most a bound of the datagram's own size. Until raw bytes are injected, the messages received are exactly the peer's, in order (message mode).
 */
class KcpInputFuzzTest {

    static final int CONV = 0x1122_3344;
    private static final int INPUT = 0;
    private static final int SEND = 1;
    private static final int RECEIVE = 2;
    private static final int UPDATE = 3;
    private static final int FLUSH = 4;
    private static final int CHECK = 5;
    private static final int EXCHANGE = 6;
    private static final int OPERATIONS = 7;
    private static final int MAX_OPERATIONS = 200;
    private static final int MAX_QUEUED = 64;
    private static final String[] CONTROLS = {"kcp", "fixed", "bbr", "kcp"};
    private static final ProviderRegistry REGISTRY = ProviderRegistry.load();
    private static final Set<Integer> INPUT_CODES = Set.of(KcpEngine.OK, KcpEngine.INPUT_TOO_SHORT,
            KcpEngine.INPUT_WRONG_CONV, KcpEngine.INPUT_BAD_LENGTH, KcpEngine.INPUT_UNKNOWN_COMMAND,
            KcpEngine.INPUT_FRAGMENT_BEYOND_WINDOW);

    private final ArrayDeque<byte[]> toPeer = new ArrayDeque<>();
    private final ArrayDeque<byte[]> fromPeer = new ArrayDeque<>();
    private final ArrayDeque<byte[]> peerMessages = new ArrayDeque<>();
    /** Receive buffers, reused: the largest message is 255 fragments of the largest mss here. */
    private final byte[] received = new byte[255 * KcpConfig.DEFAULT_MTU_BYTES];
    private final byte[] peerReceived = new byte[255 * KcpConfig.DEFAULT_MTU_BYTES];
    private KcpConfig config;
    private long now;
    private int emittedCount;
    /** Whether every segment emitted since it was last set was an ACK. */
    private boolean onlyAcks;

    @FuzzTest
    void anyDatagramIsAppliedOrRefusedWithoutEffect(byte[] data) {
        FuzzInput in = new FuzzInput(data);
        int bits = in.u8();
        config = config(bits);
        toPeer.clear();
        fromPeer.clear();
        peerMessages.clear();
        now = 1_000_000;
        KcpEngine engine = new KcpEngine(CONV, config, REGISTRY.congestionControl(CONTROLS[(bits >> 2) & 3])
                .newController(config.mssBytes()), this::emitted);
        KcpConfig peerConfig = config.withTimeLossDetection(false);
        KcpEngine peer = new KcpEngine(CONV, peerConfig, REGISTRY.congestionControl("kcp")
                .newController(peerConfig.mssBytes()), (b, off, len) -> queue(fromPeer, b, off, len));
        boolean injected = false;
        for (int i = 0; i < MAX_OPERATIONS && in.hasMore(); i++) {
            int op = in.u8();
            switch ((op & 0x0F) % OPERATIONS) {
                case INPUT -> {
                    input(engine, in.chunk());
                    injected = true;
                }
                case SEND -> {
                    byte[] message = message(in.u16() % 12_000, i);
                    if ((op & 0x80) != 0 && peer.send(message, 0, message.length) == KcpEngine.OK) {
                        peerMessages.add(message);
                    } else {
                        int r = engine.send(message, 0, message.length);
                        Check.that(r == KcpEngine.OK || r == KcpEngine.MESSAGE_TOO_LARGE, "send returned " + r);
                    }
                }
                case RECEIVE -> {
                    int capacity = Math.min(in.u16(), Math.min(received.length, engine.maxMessageBytes()));
                    int peek = engine.peekSize();
                    int n = engine.receive(received, 0, capacity);
                    Check.that(n <= capacity && n >= KcpEngine.BUFFER_TOO_SMALL, "receive returned " + n);
                    Check.that(n < 0 || n == peek || config.streamMode(), "receive " + n + " after peek " + peek);
                    if (n >= 0 && !injected && !config.streamMode()) {
                        byte[] expected = peerMessages.poll();
                        Check.that(expected != null && Arrays.equals(received, 0, n, expected, 0, expected.length),
                                "received a message the peer did not send next");
                    }
                }
                case UPDATE -> {
                    now += in.u16() * 100L;
                    engine.update(now);
                }
                case FLUSH -> engine.flush(now);
                case CHECK -> checkSchedule(engine);
                default -> exchange(engine, peer, in.u8(), (op & 0x80) != 0);
            }
            Check.that(engine.waitingToSend() >= 0 && engine.peekSize() >= KcpEngine.EMPTY, "negative counts");
            Check.that(engine.stats().bytesInFlight() >= 0, "negative bytes in flight");
        }
    }

    /**
     * Reference mode: {@code check} lies within one interval. Modern mode is event-driven: {@code check} names the
     * next event or none, so it is not before now; with data waiting it is at most the longest window-probe wait
     * (the RTO and the pacer are shorter), never "none"; and a flush before that time sends nothing but the
     * acknowledgements held for a repeat, which ride on any flush.
     */
    private void checkSchedule(KcpEngine engine) {
        long at = engine.check(now);
        Check.that(at >= now, "check " + (at - now) + " us in the past");
        if (!config.timeLossDetection()) {
            Check.that(at - now <= config.intervalMillis() * 1000L,
                    "check " + (at - now) + " us ahead, interval " + config.intervalMillis() + " ms");
            return;
        }
        if (engine.waitingToSend() > 0) {
            // the longest wait between zero-window probes, longer than any RTO or pacer gap
            Check.that(at - now <= WindowProbe.LIMIT_MILLIS * 1000L,
                    "check " + (at - now) + " us ahead with data waiting");
        }
        if (at > now) {
            boolean repeats = engine.holdsAckRepeats();
            int before = emittedCount;
            onlyAcks = true;
            engine.flush(now);
            Check.that(emittedCount == before || repeats && onlyAcks, "a flush " + (at - now)
                    + " us before check's time sent more than repeated ACKs, " + engine.waitingToSend() + " waiting");
        }
    }

    /** Delivers queued datagrams both ways; bit i of {@code drops} loses the i-th of each batch (mod 8). */
    private void exchange(KcpEngine engine, KcpEngine peer, int drops, boolean reverse) {
        List<byte[]> batch = new ArrayList<>(toPeer);
        toPeer.clear();
        if (reverse) {
            java.util.Collections.reverse(batch);
        }
        for (int i = 0; i < batch.size(); i++) {
            if ((drops & (1 << (i & 7))) == 0) {
                byte[] d = batch.get(i);
                Check.that(peer.input(d, 0, d.length, now) == KcpEngine.OK, "the peer refused our datagram");
            }
        }
        peer.update(now);
        peer.flush(now);
        List<byte[]> back = new ArrayList<>(fromPeer);
        fromPeer.clear();
        for (int i = 0; i < back.size(); i++) {
            if ((drops & (0x80 >> (i & 7))) == 0) {
                Check.that(input(engine, back.get(i)) == KcpEngine.OK, "the engine refused the peer's datagram");
            }
        }
        while (peer.receive(peerReceived, 0, peerReceived.length) >= 0) {
            // the peer's application reads whatever we sent
        }
    }

    private int input(KcpEngine engine, byte[] datagram) {
        State before = state(engine);
        AllocationMeter meter = AllocationMeter.start();
        int r = engine.input(datagram, 0, datagram.length, now);
        // a new segment per PUSH (at most mss, or its own length), the ACK list's doubling, and the sample
        meter.assertAtMost(32 * 1024 + 8L * datagram.length
                + (long) (datagram.length / SegmentCodec.HEADER_BYTES) * (config.mssBytes() + 256), "KcpEngine.input");
        Check.that(INPUT_CODES.contains(r), "input returned " + r);
        if (r != KcpEngine.OK) {
            Check.that(state(engine).equals(before), "a refused datagram changed the engine");
        }
        return r;
    }

    /** Every observable fact about the engine, for before/after comparisons. */
    private record State(io.uxp.api.ArqStats stats, int peek, int waiting, boolean dead) {
    }

    private static State state(KcpEngine engine) {
        return new State(engine.stats(), engine.peekSize(), engine.waitingToSend(), engine.isDeadLink());
    }

    private void emitted(byte[] buffer, int offset, int length) {
        Check.that(length >= SegmentCodec.HEADER_BYTES && length <= config.mtuBytes(),
                "emitted " + length + " bytes, MTU " + config.mtuBytes());
        Check.that(SegmentCodec.validate(buffer, offset, length, CONV, 256) == KcpEngine.OK,
                "emitted an invalid datagram");
        emittedCount++;
        // validated above, so every segment's length stays inside the datagram
        for (int p = offset; offset + length - p >= SegmentCodec.HEADER_BYTES;
                p += SegmentCodec.HEADER_BYTES + (int) SegmentCodec.len(buffer, p)) {
            onlyAcks &= SegmentCodec.cmd(buffer, p) == SegmentCodec.CMD_ACK;
        }
        queue(toPeer, buffer, offset, length);
    }

    private static void queue(ArrayDeque<byte[]> q, byte[] b, int off, int len) {
        if (q.size() == MAX_QUEUED) {
            q.poll();
        }
        q.add(Arrays.copyOfRange(b, off, off + len));
    }

    static KcpConfig config(int bits) {
        boolean small = (bits & 0x20) != 0;
        return KcpConfig.defaults()
                .withTimeLossDetection((bits & 0x01) != 0)
                .withStreamMode((bits & 0x02) != 0)
                .withNodelay((bits & 0x10) != 0, 10, 2)
                .withWindows(small ? 8 : 32, small ? 8 : 128)
                .withMtuBytes((bits & 0x40) != 0 ? 200 : KcpConfig.DEFAULT_MTU_BYTES);
    }

    private static byte[] message(int length, int tag) {
        byte[] m = new byte[length];
        for (int i = 0; i < length; i++) {
            m[i] = (byte) (tag * 31 + i);
        }
        return m;
    }

    /** Real datagrams of the conversation (PUSH, ACK, WASK, WINS) and sessions with the peer. */
    static Map<String, byte[]> seeds() {
        return KcpSeeds.seeds();
    }
}
