package io.uxp.runtime.record;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.uxp.fuzz.AllocationMeter;
import io.uxp.fuzz.Check;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fuzzes {@link Frames#read}, which walks every authenticated plaintext. The input is a plaintext, placed at an
 * offset inside a larger buffer with non-zero bytes on both sides so a read past either end shows. A rejected
 * plaintext gets no callback at all; an accepted one is tiled exactly by its frames, in order, with only zero
 * padding after the last (PATH_CHALLENGE and PATH_RESPONSE included); the walk allocates nothing but CLOSE details.
 */
class FramesFuzzTest {

    private static final int GUARD = 7;
    private static final long ALLOCATION_SLACK_BYTES = 4 * 1024;

    @FuzzTest
    void anyPlaintextIsTiledByItsFramesOrRejectedWhole(byte[] data) {
        byte[] buffer = new byte[GUARD + data.length + GUARD];
        Arrays.fill(buffer, (byte) 0x5a);
        System.arraycopy(data, 0, buffer, GUARD, data.length);
        Tiler tiler = new Tiler(buffer, GUARD, data.length);
        AllocationMeter meter = AllocationMeter.start();
        boolean ok = Frames.read(buffer, GUARD, data.length, tiler);
        meter.assertAtMost(ALLOCATION_SLACK_BYTES + 32L * data.length, "Frames.read");
        if (!ok) {
            Check.that(tiler.callbacks == 0, "a rejected plaintext got " + tiler.callbacks + " callbacks");
            return;
        }
        Check.that(data.length > 0, "an empty plaintext was accepted");
        for (int i = tiler.position; i < GUARD + data.length; i++) {
            Check.that(buffer[i] == 0, "non-zero byte after the last frame at " + (i - GUARD));
        }
    }

    /** Follows the frames as the handler reports them and checks each against the bytes where it must start. */
    private static final class Tiler implements Frames.Handler {
        private final byte[] buffer;
        private final int end;
        int position;
        int callbacks;

        Tiler(byte[] buffer, int offset, int length) {
            this.buffer = buffer;
            this.position = offset;
            this.end = offset + length;
        }

        @Override
        public void onData(byte[] b, int offset, int length) {
            callbacks++;
            Check.that(b == buffer && buffer[position] == Frames.DATA, "DATA where the plaintext has none");
            int declared = ((buffer[position + 1] & 0xFF) << 8) | (buffer[position + 2] & 0xFF);
            Check.that(offset == position + Frames.DATA_HEADER_BYTES && length == declared,
                    "DATA content not where its header says");
            Check.that(offset + length <= end, "DATA content runs past the plaintext");
            position = offset + length;
        }

        @Override
        public void onKeepalive() {
            callbacks++;
            Check.that(position < end && buffer[position] == Frames.KEEPALIVE, "KEEPALIVE where none is");
            position++;
        }

        @Override
        public void onClose(int code, String detail) {
            callbacks++;
            Check.that(position + Frames.CLOSE_HEADER_BYTES <= end && buffer[position] == Frames.CLOSE,
                    "CLOSE where none is");
            int n = buffer[position + 2] & 0xFF;
            Check.that(code == (buffer[position + 1] & 0xFF), "CLOSE code differs from its byte");
            Check.that(position + Frames.CLOSE_HEADER_BYTES + n <= end, "CLOSE detail runs past the plaintext");
            Check.that(detail.equals(new String(buffer, position + Frames.CLOSE_HEADER_BYTES, n,
                    StandardCharsets.UTF_8)), "CLOSE detail is not its bytes");
            position += Frames.CLOSE_HEADER_BYTES + n;
        }

        @Override
        public void onPathChallenge(long data) {
            path(Frames.PATH_CHALLENGE, data, "PATH_CHALLENGE");
        }

        @Override
        public void onPathResponse(long data) {
            path(Frames.PATH_RESPONSE, data, "PATH_RESPONSE");
        }

        private void path(int type, long data, String name) {
            callbacks++;
            Check.that(position + Frames.PATH_FRAME_BYTES <= end && buffer[position] == type, name + " where none is");
            long expected = 0;
            for (int i = 1; i < Frames.PATH_FRAME_BYTES; i++) {
                expected = (expected << 8) | (buffer[position + i] & 0xFF);
            }
            Check.that(data == expected, name + " data is not its 8 bytes (big-endian)");
            position += Frames.PATH_FRAME_BYTES;
        }
    }

    /** Plaintexts as the pipeline writes them: DATA with a KCP datagram, KEEPALIVE, CLOSE, padding, mixtures. */
    static Map<String, byte[]> seeds() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("data-kcp", RecordRig.data(RecordRig.kcpDatagram()));
        byte[] k = new byte[1];
        Frames.writeKeepalive(k, 0);
        seeds.put("keepalive", k);
        seeds.put("close", RecordRig.close(Frames.CLOSE_NORMAL, "bye"));
        seeds.put("close-utf8", RecordRig.close(Frames.CLOSE_PROTOCOL_ERROR, "protocol error: déjà vu ✓"));
        byte[] mix = new byte[64];
        int p = Frames.writeKeepalive(mix, 0);
        p += Frames.writeDataHeader(mix, p, 5); // five zero bytes of content
        p += Frames.writeClose(mix, p, Frames.CLOSE_IDLE_TIMEOUT, "idle");
        seeds.put("keepalive-data-close-padding", Arrays.copyOf(mix, p + 9));
        byte[] path = new byte[2 * Frames.PATH_FRAME_BYTES];
        int q = Frames.writePath(path, 0, Frames.PATH_CHALLENGE, 0x0123456789abcdefL);
        Frames.writePath(path, q, Frames.PATH_RESPONSE, -2L);
        seeds.put("path-challenge-response", path);
        return seeds;
    }
}
