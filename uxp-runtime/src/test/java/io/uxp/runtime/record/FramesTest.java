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

    @Property(tries = 500)
    void randomPlaintextsNeverThrow(@ForAll byte[] plaintext) {
        Frames.read(plaintext, 0, plaintext.length, new Recorder());
    }
}
