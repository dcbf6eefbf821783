package io.uxp.runtime.record;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.uxp.api.DropReason;
import io.uxp.api.spi.CipherProvider;
import io.uxp.fuzz.AllocationMeter;
import io.uxp.fuzz.Check;
import io.uxp.fuzz.FuzzInput;
import io.uxp.fuzz.FuzzOutput;
import io.uxp.runtime.KeyUpdatePolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuzzes {@link RecordUnprotector#open} (with {@link RecordHeader}) under a real key, so inputs reach past the
 * tag check: the harness seals fuzzer-chosen plaintexts with the matching {@link RecordProtector} and delivers
 * them intact, tampered, replayed, held back and released late, across key updates, then walks each opened
 * plaintext with {@link Frames#read}. A raw operation opens fuzzer bytes as they are, and the seeds give it real
 * sealed datagrams to mutate. Input: a config byte (cipher; bit 1: update the key every 16 records), then
 * operations (see {@link #OPERATIONS}). An intact record opens to its plaintext; a tampered one is dropped
 * without moving the window; a replay is REPLAYED; a late one opens or is TOO_OLD or (two key phases old)
 * fails authentication; nothing throws; an open allocates no more than a key update's state.
 */
class RecordOpenFuzzTest {

    private static final int DELIVER = 0;
    private static final int TAMPER = 1;
    private static final int REPLAY = 2;
    private static final int HOLD = 3;
    private static final int RELEASE = 4;
    private static final int CLOCK = 5;
    private static final int RAW = 6;
    private static final int OPERATIONS = 7;
    private static final int MAX_OPERATIONS = 64;
    private static final int MAX_HELD = 8;
    /** The next generation's key state (HKDF outputs, an opener) is what an open may allocate. */
    private static final long OPEN_ALLOCATION_BOUND = 16 * 1024;
    private static final KeyUpdatePolicy FAST_UPDATES =
            new KeyUpdatePolicy(KeyUpdatePolicy.MIN_UPDATE_PACKETS, 3_600_000, 1L << 31, 3_000);
    private static final Set<DropReason> LATE = Set.of(DropReason.TOO_OLD, DropReason.AUTHENTICATION_FAILED);
    private static final Frames.Handler IGNORE = new Frames.Handler() {
        @Override
        public void onData(byte[] buffer, int offset, int length) {
            Check.inBounds(offset, length, buffer.length, "DATA");
        }

        @Override
        public void onKeepalive() {
            // nothing
        }

        @Override
        public void onClose(int code, String detail) {
            Check.that(code >= 0 && code <= 0xFF, "close code " + code);
        }
    };

    private long now = RecordRig.NOW;
    private RecordProtector protector;
    private RecordUnprotector unprotector;
    private long opened;
    private DropReason lastReason;
    /** Numbers of raw records that opened: the seeds hold real records under the harness's key. */
    private final Set<Long> rawPacketNumbers = new HashSet<>();

    @FuzzTest
    void sealedRecordsOpenAndEverythingElseIsDropped(byte[] data) {
        FuzzInput in = new FuzzInput(data);
        int config = in.u8();
        CipherProvider cipher = RecordRig.CIPHERS.get(config & 1);
        KeyUpdatePolicy policy = (config & 2) != 0 ? FAST_UPDATES : KeyUpdatePolicy.defaults();
        now = RecordRig.NOW;
        protector = new RecordProtector(cipher, RecordRig.filled(32, 0x5a), RecordRig.CONNECTION_ID, policy, now);
        unprotector = new RecordUnprotector(cipher, RecordRig.filled(32, 0x5a), RecordRig.CONNECTION_ID, policy);
        opened = 0;
        rawPacketNumbers.clear();
        byte[] last = null;
        byte[] lastPlain = null;
        List<byte[][]> held = new ArrayList<>();
        for (int i = 0; i < MAX_OPERATIONS && in.hasMore(); i++) {
            int op = in.u8();
            switch ((op & 0x0F) % OPERATIONS) {
                case DELIVER -> {
                    byte[] plain = plaintext(in);
                    byte[] d = RecordRig.seal(protector, plain, now);
                    // a receiver follows one key update at a time: it must see a record of every generation
                    boolean followable = protector.generation() - unprotector.generation() <= 1;
                    byte[] got = open(d);
                    Check.that(got == null ? !followable && lastReason == DropReason.AUTHENTICATION_FAILED
                            || openedRaw(d) : Arrays.equals(got, plain),
                            "an intact record did not open to its plaintext: " + lastReason);
                    if (got != null) {
                        last = d;
                        lastPlain = plain;
                    }
                }
                case TAMPER -> {
                    byte[] d = RecordRig.seal(protector, plaintext(in), now);
                    d[in.u16() % d.length] ^= (byte) (in.u8() | 1);
                    Check.that(open(d) == null, "a tampered record opened");
                }
                case REPLAY -> {
                    if (last != null) {
                        Check.that(open(last) == null && lastReason == DropReason.REPLAYED,
                                "a replay was not dropped as REPLAYED but " + lastReason);
                    }
                }
                case HOLD -> {
                    byte[] plain = plaintext(in);
                    if (held.size() < MAX_HELD) {
                        held.add(new byte[][] {RecordRig.seal(protector, plain, now), plain});
                    }
                }
                case RELEASE -> {
                    if (!held.isEmpty()) {
                        byte[][] h = held.remove(in.u8() % held.size());
                        byte[] plain = open(h[0]);
                        Check.that(plain == null ? LATE.contains(lastReason) || openedRaw(h[0])
                                : Arrays.equals(plain, h[1]),
                                "a late record gave " + (plain == null ? lastReason : "another plaintext"));
                    }
                }
                case CLOCK -> {
                    if ((op & 0x80) != 0) {
                        protector.updateKey(now);
                    } else {
                        now += in.u16();
                    }
                }
                default -> {
                    byte[] raw = in.chunk();
                    if (open(raw) != null) {
                        rawPacketNumbers.add(RecordHeader.packetNumber(raw, 0));
                    }
                }
            }
        }
        Check.that(unprotector.opened() == opened, "the opened counter disagrees");
        if (lastPlain != null) {
            Check.that(lastPlain.length > 0, "empty plaintext delivered");
        }
    }

    /** @return whether a raw record already used this record's number, so it is rightly a replay */
    private boolean openedRaw(byte[] datagram) {
        return lastReason == DropReason.REPLAYED
                && rawPacketNumbers.contains(RecordHeader.packetNumber(datagram, 0));
    }

    /** Opens a copy of {@code datagram}; @return the plaintext, or null with {@link #lastReason} set. */
    private byte[] open(byte[] datagram) {
        byte[] copy = datagram.clone();
        AllocationMeter meter = AllocationMeter.start();
        int n = unprotector.open(copy, 0, copy.length, now);
        meter.assertAtMost(OPEN_ALLOCATION_BOUND, "RecordUnprotector.open");
        if (n < 0) {
            lastReason = RecordUnprotector.dropReason(n);
            return null;
        }
        opened++;
        int at = unprotector.payloadOffset(0);
        Check.inBounds(at, n, copy.length, "plaintext");
        Check.that(RecordHeader.connectionId(copy, 0) == RecordRig.CONNECTION_ID, "opened for another ID");
        Frames.read(copy, at, n, IGNORE);
        return Arrays.copyOfRange(copy, at, at + n);
    }

    /** @return a chunk of the input, or one KEEPALIVE if it is empty (a record holds at least one byte) */
    private static byte[] plaintext(FuzzInput in) {
        byte[] p = in.chunk();
        return p.length > 0 ? p : new byte[] {Frames.KEEPALIVE};
    }

    /** Sessions of real plaintexts, and real sealed datagrams for the raw operation to mutate. */
    static Map<String, byte[]> seeds() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        byte[] data = RecordRig.data(RecordRig.kcpDatagram());
        byte[] close = RecordRig.close(0, "bye");
        byte[] keepalive = {Frames.KEEPALIVE};
        for (int c = 0; c < RecordRig.CIPHERS.size(); c++) {
            String name = c == 0 ? "chacha" : "salsa";
            FuzzOutput session = new FuzzOutput().u8(c | 2).u8(DELIVER).chunk(data).u8(DELIVER).chunk(keepalive)
                    .u8(REPLAY).u8(TAMPER).chunk(data).u16(20).u8(0x40).u8(HOLD).chunk(data)
                    .u8(DELIVER).chunk(data).u8(RELEASE).u8(0).u8(CLOCK | 0x80).u8(DELIVER).chunk(close);
            seeds.put("session-" + name, session.toByteArray());
            FuzzOutput updates = new FuzzOutput().u8(c | 2);
            for (int i = 0; i < 20; i++) {
                updates.u8(i % 5 == 0 ? HOLD : DELIVER).chunk(keepalive);
            }
            updates.u8(RELEASE).u8(0).u8(CLOCK).u16(5_000).u8(RELEASE).u8(0);
            seeds.put("key-updates-" + name, updates.toByteArray());
            RecordProtector p = RecordRig.protector(RecordRig.CIPHERS.get(c));
            seeds.put("raw-data-" + name, new FuzzOutput().u8(c).u8(RAW).chunk(RecordRig.seal(p, data, RecordRig.NOW))
                    .toByteArray());
            seeds.put("raw-keepalive-close-" + name, new FuzzOutput().u8(c).u8(RAW)
                    .chunk(RecordRig.seal(p, keepalive, RecordRig.NOW)).u8(RAW)
                    .chunk(RecordRig.seal(p, close, RecordRig.NOW)).toByteArray());
        }
        return seeds;
    }
}
