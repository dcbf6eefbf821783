package io.uxp.runtime.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.DropReason;
import io.uxp.api.spi.CipherProvider;
import io.uxp.api.spi.ProviderRegistry;
import io.uxp.runtime.KeyUpdatePolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RecordLayerTest {

    private static final ProviderRegistry REGISTRY = ProviderRegistry.load();
    private static final long CID = 0x0123456789abcdefL;
    private static final byte[] SECRET = new byte[32];

    static {
        Arrays.fill(SECRET, (byte) 0x5a);
    }

    static Stream<CipherProvider> ciphers() {
        return REGISTRY.ciphers().stream();
    }

    private static RecordProtector sender(CipherProvider c, KeyUpdatePolicy policy) {
        return new RecordProtector(c, SECRET, CID, policy, 0);
    }

    private static RecordUnprotector receiver(CipherProvider c, KeyUpdatePolicy policy) {
        return new RecordUnprotector(c, SECRET, CID, policy);
    }

    /** Seals {@code payload} as a record and returns the datagram. */
    private static byte[] seal(RecordProtector s, byte[] payload, long now) {
        byte[] buf = new byte[payload.length + 64];
        System.arraycopy(payload, 0, buf, s.payloadOffset(0), payload.length);
        int n = s.seal(buf, 0, payload.length, now);
        assertThat(n).isPositive();
        return Arrays.copyOf(buf, n);
    }

    /** Opens a copy of {@code datagram}; returns the plaintext or the drop reason's name. */
    private static String open(RecordUnprotector r, byte[] datagram, long now) {
        byte[] copy = datagram.clone();
        int n = r.open(copy, 0, copy.length, now);
        if (n < 0) {
            return RecordUnprotector.dropReason(n).name();
        }
        int p = r.payloadOffset(0);
        return new String(copy, p, n, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static byte[] text(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @MethodSource("ciphers")
    void aReplayedDatagramIsDroppedAndCounted(CipherProvider c) {
        RecordProtector s = sender(c, KeyUpdatePolicy.defaults());
        RecordUnprotector r = receiver(c, KeyUpdatePolicy.defaults());
        byte[] d = seal(s, text("hello"), 0);

        assertThat(open(r, d, 0)).isEqualTo("hello");
        assertThat(open(r, d, 0)).isEqualTo("REPLAYED");
        assertThat(open(r, d, 0)).isEqualTo("REPLAYED");
        assertThat(r.drops(DropReason.REPLAYED)).isEqualTo(2);
        assertThat(r.opened()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("ciphers")
    void flippingAnyBitOfADatagramGetsItDroppedAndCountedWithoutMovingTheWindow(CipherProvider c) {
        RecordProtector s = sender(c, KeyUpdatePolicy.defaults());
        RecordUnprotector r = receiver(c, KeyUpdatePolicy.defaults());
        byte[] d = seal(s, text("attack at dawn"), 0);
        long dropped = 0;
        for (int i = 0; i < d.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] x = d.clone();
                x[i] ^= (byte) (1 << bit);
                assertThat(open(r, x, 0)).as("byte %d bit %d", i, bit)
                        .isIn("AUTHENTICATION_FAILED", "UNKNOWN_CONNECTION", "MALFORMED");
                dropped++;
            }
        }
        long counted = 0;
        for (DropReason reason : DropReason.values()) {
            counted += r.drops(reason);
        }
        assertThat(counted).isEqualTo(dropped);
        assertThat(r.drops(DropReason.AUTHENTICATION_FAILED)).isPositive();
        assertThat(open(r, d, 0)).as("the genuine datagram still opens").isEqualTo("attack at dawn");
    }

    @ParameterizedTest
    @MethodSource("ciphers")
    void theSamePlaintextSentTwiceGivesDifferentCiphertext(CipherProvider c) {
        RecordProtector s = sender(c, KeyUpdatePolicy.defaults());
        byte[] a = seal(s, text("same bytes"), 0);
        byte[] b = seal(s, text("same bytes"), 0);
        int body = RecordHeader.LENGTH;
        assertThat(Arrays.copyOfRange(a, body, a.length)).isNotEqualTo(Arrays.copyOfRange(b, body, b.length));
        assertThat(RecordHeader.packetNumber(b, 0)).isEqualTo(RecordHeader.packetNumber(a, 0) + 1);
    }

    @ParameterizedTest
    @MethodSource("ciphers")
    void onlyARecordCarryingTheLargestPacketNumberSoFarIsReportedAsTheLargest(CipherProvider c) {
        RecordProtector s = sender(c, KeyUpdatePolicy.defaults());
        RecordUnprotector r = receiver(c, KeyUpdatePolicy.defaults());
        byte[] p0 = seal(s, text("0"), 0);
        byte[] p1 = seal(s, text("1"), 0);
        byte[] p2 = seal(s, text("2"), 0);
        byte[] p3 = seal(s, text("3"), 0);

        assertThat(open(r, p1, 0)).isEqualTo("1");
        assertThat(r.openedLargest()).isTrue();
        assertThat(open(r, p0, 0)).as("reordered, older").isEqualTo("0");
        assertThat(r.openedLargest()).isFalse();
        assertThat(open(r, p3, 0)).isEqualTo("3");
        assertThat(r.openedLargest()).isTrue();
        assertThat(open(r, p2, 0)).as("a late copy of one the path lost").isEqualTo("2");
        assertThat(r.openedLargest()).isFalse();
        assertThat(open(r, p3, 0)).isEqualTo("REPLAYED");
        assertThat(r.openedLargest()).as("a drop leaves the last answer").isFalse();
    }

    @ParameterizedTest
    @MethodSource("ciphers")
    void aRecordForAnotherConnectionOrTooShortIsDropped(CipherProvider c) {
        RecordProtector s = sender(c, KeyUpdatePolicy.defaults());
        RecordUnprotector other = new RecordUnprotector(c, SECRET, CID + 1, KeyUpdatePolicy.defaults());
        assertThat(open(other, seal(s, text("x"), 0), 0)).isEqualTo("UNKNOWN_CONNECTION");
        assertThat(open(other, new byte[RecordHeader.LENGTH], 0)).isEqualTo("MALFORMED");
    }

    @ParameterizedTest
    @MethodSource("ciphers")
    void packetNumbersAndNoncesNeverRepeatOverAMillionPacketsAcrossKeyUpdates(CipherProvider c) {
        KeyUpdatePolicy policy = new KeyUpdatePolicy(100_000, 3_600_000, 200_000, 1_000);
        RecordProtector s = sender(c, policy);
        byte[] buf = new byte[64];
        byte[] nonce = new byte[c.nonceBytes()];
        java.util.Set<String> nonces = new java.util.HashSet<>();
        long previous = -1;
        for (int i = 0; i < 1_000_000; i++) {
            int len = s.seal(buf, 0, 8, 0);
            assertThat(len).isEqualTo(RecordHeader.LENGTH + c.overheadBytes() + 8);
            long pn = RecordHeader.packetNumber(buf, 0);
            if (pn != previous + 1) {
                throw new AssertionError("packet number " + pn + " after " + previous);
            }
            previous = pn;
            if (i % 1000 == 0 || i % 100_000 < 2) {
                // The nonce is injective in the packet number under one key; sample it across generations too.
                RecordHeader.nonce(nonceBase(c, s.generation()), pn, nonce);
                assertThat(nonces.add(s.generation() + ":" + java.util.HexFormat.of().formatHex(nonce))).isTrue();
            }
        }
        assertThat(s.generation()).isEqualTo(9);
    }

    /** The nonce base of a generation, derived independently of the protector from the spec's ratchet. */
    private static byte[] nonceBase(CipherProvider c, int generation) {
        byte[] secret = SECRET.clone();
        for (int g = 0; g < generation; g++) {
            secret = TrafficSecrets.next(secret);
        }
        return TrafficSecrets.nonceBase(secret, c.nonceBytes());
    }

    @ParameterizedTest
    @MethodSource("ciphers")
    void aKeyUpdateWithASmallThresholdKeepsAReorderedLossyStreamIntact(CipherProvider c) {
        KeyUpdatePolicy policy = new KeyUpdatePolicy(16, 3_600_000, 1_000, 10_000);
        RecordProtector s = sender(c, policy);
        RecordUnprotector r = receiver(c, policy);
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            sent.add(seal(s, text("m" + i), i));
        }
        Random random = new Random(42);
        // Reorder within spans of 8 (across key boundaries) and lose 5%.
        List<Integer> order = new ArrayList<>();
        for (int base = 0; base < sent.size(); base += 8) {
            List<Integer> span = new ArrayList<>();
            for (int i = base; i < Math.min(base + 8, sent.size()); i++) {
                span.add(i);
            }
            Collections.shuffle(span, random);
            order.addAll(span);
        }
        int delivered = 0;
        for (int i : order) {
            if (random.nextInt(100) < 5) {
                continue;
            }
            assertThat(open(r, sent.get(i), 1_000 + i)).as("packet %d", i).isEqualTo("m" + i);
            delivered++;
        }
        assertThat(delivered).isGreaterThan(900);
        assertThat(s.generation()).isEqualTo(62);
        assertThat(r.generation()).isEqualTo(62);
        assertThat(r.drops(DropReason.AUTHENTICATION_FAILED)).isZero();
    }

    @ParameterizedTest
    @MethodSource("ciphers")
    void theSenderUpdatesItsKeyWhenTheKeyGetsOldAndTheReceiverFollows(CipherProvider c) {
        KeyUpdatePolicy policy = new KeyUpdatePolicy(1L << 30, 60_000, 1L << 31, 1_000);
        RecordProtector s = sender(c, policy);
        RecordUnprotector r = receiver(c, policy);
        assertThat(open(r, seal(s, text("a"), 0), 0)).isEqualTo("a");
        byte[] late = seal(s, text("b"), 59_999);
        byte[] fresh = seal(s, text("c"), 60_000);
        assertThat(s.generation()).isEqualTo(1);
        assertThat(RecordHeader.keyPhase(fresh, 0)).isEqualTo(1);

        assertThat(open(r, fresh, 60_000)).isEqualTo("c");
        assertThat(open(r, late, 60_500)).as("reordered packet of the previous key").isEqualTo("b");
    }

    @ParameterizedTest
    @MethodSource("ciphers")
    void aStragglerOfThePreviousKeyIsDroppedOnceTheRetentionTimeHasPassed(CipherProvider c) {
        KeyUpdatePolicy policy = new KeyUpdatePolicy(16, 3_600_000, 1_000, 1_000);
        RecordProtector s = sender(c, policy);
        RecordUnprotector r = receiver(c, policy);
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            sent.add(seal(s, text("m" + i), 0));
        }
        assertThat(open(r, sent.get(16), 0)).isEqualTo("m16");
        assertThat(open(r, sent.get(15), 2_000)).isEqualTo("TOO_OLD");
    }

    @ParameterizedTest
    @MethodSource("ciphers")
    void aReceiverRefusesAKeyThatPassedTheHardLimit(CipherProvider c) {
        RecordProtector s = sender(c, new KeyUpdatePolicy(1L << 30, 3_600_000, 1L << 31, 1_000));
        RecordUnprotector r = receiver(c, new KeyUpdatePolicy(16, 3_600_000, 20, 1_000));
        for (int i = 0; i < 20; i++) {
            assertThat(open(r, seal(s, text("x"), 0), 0)).isEqualTo("x");
        }
        assertThat(open(r, seal(s, text("x"), 0), 0)).isEqualTo("KEY_EXHAUSTED");
        assertThat(r.drops(DropReason.KEY_EXHAUSTED)).isEqualTo(1);
    }
}
