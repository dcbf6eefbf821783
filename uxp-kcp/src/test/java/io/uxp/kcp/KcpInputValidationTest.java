package io.uxp.kcp;

import static io.uxp.kcp.EngineProbe.concat;
import static io.uxp.kcp.EngineProbe.segment;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * A malformed datagram is refused with a named code and changes nothing: the engine that saw it behaves exactly
 * like a twin that did not (same stats, same queues, same next output bytes).
 */
class KcpInputValidationTest {

    private static final int CONV = 77;
    private static final int PUSH = SegmentCodec.CMD_PUSH;
    private static final int ACK = SegmentCodec.CMD_ACK;
    private static final long NOW = 5_000_000; // microseconds

    /** Two engines with an identical history: a message sent and some data received. */
    private final EngineProbe probe = primed();
    private final EngineProbe twin = primed();

    private static EngineProbe primed() {
        EngineProbe p = new EngineProbe(CONV, KcpConfig.defaults());
        p.engine.send(new byte[3000], 0, 3000);
        p.engine.update(1_000_000);
        byte[] in = concat(segment(CONV, PUSH, 0, 64, 900, 0, 0, new byte[] {1, 2}),
                segment(CONV, PUSH, 0, 64, 900, 2, 0, new byte[] {5}));
        assertThat(p.engine.input(in, 0, in.length, 1_010_000)).isEqualTo(KcpEngine.OK);
        return p;
    }

    private void assertRefusedWithoutEffect(byte[] datagram, int expectedCode) {
        String before = probe.state(NOW);
        assertThat(probe.engine.input(datagram, 0, datagram.length, NOW)).isEqualTo(expectedCode);
        assertUnchanged(before);
    }

    private void assertUnchanged(String before) {
        assertThat(probe.state(NOW)).isEqualTo(before).isEqualTo(twin.state(NOW));
        probe.out.clear();
        twin.out.clear();
        probe.engine.flush(NOW);
        twin.engine.flush(NOW);
        assertThat(probe.out).hasSameSizeAs(twin.out);
        for (int i = 0; i < probe.out.size(); i++) {
            assertThat(probe.out.get(i)).isEqualTo(twin.out.get(i));
        }
    }

    /** A well-formed segment that would change state (acknowledges sn 0 and delivers sn 1). */
    private static byte[] effective() {
        return concat(segment(CONV, ACK, 0, 3, 1000, 0, 1, new byte[0]),
                segment(CONV, PUSH, 0, 3, 1000, 1, 1, new byte[] {9}));
    }

    @Test
    void aDatagramShorterThanOneHeaderIsTooShort() {
        assertRefusedWithoutEffect(new byte[23], KcpEngine.INPUT_TOO_SHORT);
        assertRefusedWithoutEffect(new byte[0], KcpEngine.INPUT_TOO_SHORT);
    }

    @Test
    void anUnknownCommandIsRefusedEvenAfterAValidSegment() {
        assertRefusedWithoutEffect(segment(CONV, 80, 0, 3, 0, 1, 1, new byte[0]), KcpEngine.INPUT_UNKNOWN_COMMAND);
        assertRefusedWithoutEffect(concat(effective(), segment(CONV, 85, 0, 3, 0, 1, 1, new byte[0])),
                KcpEngine.INPUT_UNKNOWN_COMMAND);
    }

    @Test
    void aLengthBeyondTheDatagramIsRefused() {
        byte[] d = concat(effective(), segment(CONV, PUSH, 0, 3, 0, 2, 1, new byte[4]));
        SegmentCodec.writeHeader(d, d.length - 28, CONV, PUSH, 0, 3, 0, 2, 1, 5);
        assertRefusedWithoutEffect(d, KcpEngine.INPUT_BAD_LENGTH);

        byte[] huge = segment(CONV, PUSH, 0, 3, 0, 1, 1, new byte[4]);
        SegmentCodec.writeHeader(huge, 0, CONV, PUSH, 0, 3, 0, 1, 1, -1);
        assertRefusedWithoutEffect(huge, KcpEngine.INPUT_BAD_LENGTH);
    }

    @Test
    void aSegmentOfAnotherConversationIsRefused() {
        assertRefusedWithoutEffect(segment(CONV + 1, PUSH, 0, 3, 0, 1, 1, new byte[1]), KcpEngine.INPUT_WRONG_CONV);
        assertRefusedWithoutEffect(concat(effective(), segment(CONV + 1, ACK, 0, 3, 0, 0, 1, new byte[0])),
                KcpEngine.INPUT_WRONG_CONV);
    }

    @Test
    void aFragmentIndexThatCouldNeverFitTheReceiveWindowIsRefused() {
        // receive window 128: a message of frg + 1 = 129 segments can never be assembled
        assertRefusedWithoutEffect(segment(CONV, PUSH, 128, 3, 0, 1, 1, new byte[1]),
                KcpEngine.INPUT_FRAGMENT_BEYOND_WINDOW);
        assertRefusedWithoutEffect(concat(effective(), segment(CONV, PUSH, 255, 3, 0, 3, 1, new byte[1])),
                KcpEngine.INPUT_FRAGMENT_BEYOND_WINDOW);
    }

    @Test
    void theLargestFragmentIndexTheWindowAllowsIsAccepted() {
        byte[] d = segment(CONV, PUSH, 127, 3, 0, 1, 1, new byte[1]);
        assertThat(probe.engine.input(d, 0, d.length, NOW)).isEqualTo(KcpEngine.OK);
        // sn 1 fills the gap between the primed 0 and 2
        assertThat(probe.engine.stats().receiveQueue()).isEqualTo(3);
    }

    @Test
    void aValidDatagramDoesChangeTheState() {
        String before = probe.state(NOW);
        byte[] d = effective();
        assertThat(probe.engine.input(d, 0, d.length, NOW)).isEqualTo(KcpEngine.OK);
        assertThat(probe.state(NOW)).isNotEqualTo(before);
    }

    @Test
    void trailingBytesShorterThanAHeaderAreIgnoredAsInTheReference() {
        byte[] d = concat(effective(), new byte[23]);
        assertThat(probe.engine.input(d, 0, d.length, NOW)).isEqualTo(KcpEngine.OK);
        byte[] e = effective();
        assertThat(twin.engine.input(e, 0, e.length, NOW)).isEqualTo(KcpEngine.OK);
        assertUnchanged(probe.state(NOW));
    }

    @Property(tries = 1000)
    void arbitraryBytesNeverThrowAndARefusalChangesNothing(@ForAll @Size(max = 200) List<Byte> noise,
            @ForAll @IntRange(min = 0, max = 3) int validPrefixSegments) {
        EngineProbe p = primed();
        EngineProbe t = primed();
        byte[] d = concat(Arrays.copyOf(effective(), 29 * Math.min(validPrefixSegments, 1)), toBytes(noise));
        String before = p.state(NOW);
        int rc = p.engine.input(d, 0, d.length, NOW);
        assertThat(rc).isIn(KcpEngine.OK, KcpEngine.INPUT_TOO_SHORT, KcpEngine.INPUT_WRONG_CONV,
                KcpEngine.INPUT_BAD_LENGTH, KcpEngine.INPUT_UNKNOWN_COMMAND, KcpEngine.INPUT_FRAGMENT_BEYOND_WINDOW);
        if (rc != KcpEngine.OK) {
            assertThat(p.state(NOW)).isEqualTo(before).isEqualTo(t.state(NOW));
        }
    }

    @Property(tries = 1000)
    void mutatedValidDatagramsNeverThrow(@ForAll @IntRange(min = 0, max = 57) int position,
            @ForAll byte value, @ForAll @IntRange(min = 0, max = 58) int cut) {
        EngineProbe p = primed();
        byte[] d = effective();
        d[Math.min(position, d.length - 1)] = value;
        int len = Math.min(cut, d.length);
        int rc = p.engine.input(d, 0, len, NOW);
        assertThat(rc).isLessThanOrEqualTo(KcpEngine.OK);
        p.engine.flush(NOW + 10_000);
        p.engine.update(NOW + 20_000);
    }

    private static byte[] toBytes(List<Byte> list) {
        byte[] b = new byte[list.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = list.get(i);
        }
        return b;
    }
}
