package io.uxp.runtime.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class FramesTest {

    /** Records callbacks as strings. */
    static final class Recorder implements Frames.Handler {
        final List<String> events = new ArrayList<>();

        @Override
        public void onData(byte[] buffer, int offset, int length) {
            events.add("data " + Arrays.toString(Arrays.copyOfRange(buffer, offset, offset + length)));
        }

        @Override
        public void onKeepalive() {
            events.add("keepalive");
        }

        @Override
        public void onClose(int code, String detail) {
            events.add("close " + code + " " + detail);
        }

        @Override
        public void onPathChallenge(long data) {
            events.add("challenge " + Long.toHexString(data));
        }

        @Override
        public void onPathResponse(long data) {
            events.add("response " + Long.toHexString(data));
        }
    }

    @Test
    void dataKeepaliveCloseAndPaddingRoundTripInOrder() {
        byte[] buf = new byte[64];
        int p = 0;
        buf[p + 3] = 7;
        buf[p + 4] = 8;
        p += Frames.writeDataHeader(buf, p, 2);
        p += Frames.writeKeepalive(buf, p);
        p += Frames.writeClose(buf, p, Frames.CLOSE_SERVER_SHUTDOWN, "bye");
        p += 5; // zero padding
        Recorder r = new Recorder();

        assertThat(Frames.read(buf, 0, p, r)).isTrue();

        assertThat(r.events).containsExactly("data [7, 8]", "keepalive", "close 1 bye");
    }

    @Test
    void aMalformedPlaintextIsRejectedBeforeAnyCallback() {
        byte[] buf = {Frames.KEEPALIVE, Frames.DATA, 0, 9, 1};
        Recorder r = new Recorder();
        assertThat(Frames.read(buf, 0, buf.length, r)).isFalse();
        assertThat(r.events).isEmpty();
        assertThat(Frames.read(new byte[] {Frames.KEEPALIVE, 0x7f}, 0, 2, r)).isFalse();
        assertThat(Frames.read(new byte[] {0, 0, 1}, 0, 3, r)).as("non-zero padding").isFalse();
        assertThat(Frames.read(new byte[0], 0, 0, r)).as("empty plaintext").isFalse();
        assertThat(r.events).isEmpty();
    }

    @Test
    void pathChallengeAndResponseCarryTheirEightBytesBigEndian() {
        byte[] buf = new byte[32];
        int p = Frames.writePath(buf, 0, Frames.PATH_CHALLENGE, 0x0123456789abcdefL);
        p += Frames.writePath(buf, p, Frames.PATH_RESPONSE, 0xfedcba9876543210L);
        p += Frames.writeKeepalive(buf, p);

        assertThat(p).isEqualTo(2 * Frames.PATH_FRAME_BYTES + 1);
        assertThat(Arrays.copyOf(buf, Frames.PATH_FRAME_BYTES)).containsExactly(
                0x04, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef);
        Recorder r = new Recorder();
        assertThat(Frames.read(buf, 0, p, r)).isTrue();
        assertThat(r.events).containsExactly("challenge 123456789abcdef", "response fedcba9876543210", "keepalive");
    }

    @Test
    void aTruncatedPathFrameRejectsThePlaintextWhole() {
        byte[] buf = new byte[32];
        int p = Frames.writeKeepalive(buf, 0);
        p += Frames.writePath(buf, p, Frames.PATH_RESPONSE, -1L);
        Recorder r = new Recorder();
        for (int cut = 2; cut < p; cut++) {
            assertThat(Frames.read(buf, 0, cut, r)).as("cut at %d", cut).isFalse();
        }
        assertThat(r.events).isEmpty();
    }

    @Test
    void aHandlerThatOnlyReadsDataIgnoresPathFrames() {
        byte[] buf = new byte[16];
        int p = Frames.writePath(buf, 0, Frames.PATH_CHALLENGE, 7);
        List<String> seen = new ArrayList<>();
        Frames.Handler dataOnly = new Frames.Handler() {
            @Override
            public void onData(byte[] buffer, int offset, int length) {
                seen.add("data");
            }

            @Override
            public void onKeepalive() {
                seen.add("keepalive");
            }

            @Override
            public void onClose(int code, String detail) {
                seen.add("close");
            }
        };
        assertThat(Frames.read(buf, 0, p, dataOnly)).isTrue();
        assertThat(seen).isEmpty();
    }

    @Property(tries = 500)
    void randomPlaintextsNeverThrow(@ForAll byte[] plaintext) {
        Frames.read(plaintext, 0, plaintext.length, new Recorder());
    }
}
