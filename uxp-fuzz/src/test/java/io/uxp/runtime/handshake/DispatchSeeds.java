package io.uxp.runtime.handshake;

import io.uxp.fuzz.FuzzOutput;
import io.uxp.runtime.record.Frames;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seeds of {@link ServerDispatchFuzzTest}: whole connections in each authentication mode, with and without FEC,
 * with a cookie round trip, with data both ways, a NAT rebinding, replays, and the rig client's real ClientHello as
 * a raw datagram from each source for the fuzzer to mutate.
 */
final class DispatchSeeds {

    private static final int RAW = 0;
    private static final int HELLO = 1;
    private static final int RECORD = 2;
    private static final int MESSAGE = 3;
    private static final int CLOCK = 4;
    private static final int REPLAY = 5;
    private static final int TO_CLIENT = 6;
    private static final int FROM_ELSEWHERE = 0x80;
    private static final int FEC = 0x04;
    private static final int COOKIES = 0x08;

    private DispatchSeeds() {
    }

    static Map<String, byte[]> seeds() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        String[] modes = {"unauthenticated", "pinned-key", "psk", "pinned-key-and-psk"};
        for (int mode = 0; mode < HandshakeRig.MODES; mode++) {
            seeds.put("connection-" + modes[mode], connection(mode).toByteArray());
        }
        seeds.put("connection-fec", connection(FEC).toByteArray());
        FuzzOutput cookie = new FuzzOutput().u8(COOKIES).u8(HELLO).u8(TO_CLIENT).u8(0).u8(HELLO).u8(TO_CLIENT)
                .u8(0).u8(RECORD).chunk(new byte[] {Frames.KEEPALIVE}).u8(REPLAY).u8(HELLO);
        seeds.put("cookie-round-trip", cookie.toByteArray());
        FuzzOutput rebinding = connection(0).u8(RECORD | FROM_ELSEWHERE).chunk(new byte[] {Frames.KEEPALIVE})
                .u8(MESSAGE).chunk(new byte[300]).u8(CLOCK).u16(50).u8(TO_CLIENT).u8(7);
        seeds.put("nat-rebinding", rebinding.toByteArray());
        FuzzOutput close = connection(0).u8(RECORD).chunk(closeFrame());
        seeds.put("client-close", close.toByteArray());
        byte[] hello = HandshakeRig.client(0, false).start(HandshakeRig.NOW);
        FuzzOutput raw = new FuzzOutput().u8(0);
        for (int source = 0; source < 3; source++) {
            raw.u8(RAW).chunk(hello).u8(source);
        }
        seeds.put("raw-hellos", raw.u8(REPLAY).toByteArray());
        seeds.put("raw-short-and-record-shaped", new FuzzOutput().u8(0).u8(RAW).chunk(new byte[] {1, 0, 1}).u8(0)
                .u8(RAW).chunk(recordShaped()).u8(1).toByteArray());
        return seeds;
    }

    /** Hello, ServerHello to the client, a message from the client (its first record), time, answers back. */
    private static FuzzOutput connection(int mode) {
        byte[] message = new byte[1000];
        for (int i = 0; i < message.length; i++) {
            message[i] = (byte) i;
        }
        return new FuzzOutput().u8(mode).u8(HELLO).u8(TO_CLIENT).u8(0).u8(MESSAGE).chunk(message).u8(CLOCK).u16(2)
                .u8(TO_CLIENT).u8(7).u8(MESSAGE).chunk(new byte[] {1, 2, 3}).u8(CLOCK).u16(30).u8(REPLAY)
                .u8(TO_CLIENT).u8(7);
    }

    private static byte[] closeFrame() {
        byte[] b = new byte[Frames.CLOSE_HEADER_BYTES + 16];
        return java.util.Arrays.copyOf(b, Frames.writeClose(b, 0, Frames.CLOSE_NORMAL, "done"));
    }

    private static byte[] recordShaped() {
        byte[] b = new byte[64];
        b[0] = 0x10;
        return b;
    }
}
