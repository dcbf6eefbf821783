package io.uxp.kcp;

import io.uxp.kcp.cc.KcpCongestionProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test fixture: one engine whose output datagrams are recorded, with helpers to build segments by hand and to
 * describe the engine's full observable state.
 */
final class EngineProbe {
    final List<byte[]> out = new ArrayList<>();
    final KcpEngine engine;

    EngineProbe(int conv, KcpConfig config) {
        engine = new KcpEngine(conv, config, new KcpCongestionProvider().newController(config.mssBytes()),
                (buf, off, len) -> out.add(Arrays.copyOfRange(buf, off, off + len)));
    }

    /** @return one segment: a 24-byte header plus {@code payload} */
    static byte[] segment(int conv, int cmd, int frg, int wnd, int ts, int sn, int una, byte[] payload) {
        byte[] b = new byte[SegmentCodec.HEADER_BYTES + payload.length];
        SegmentCodec.writeHeader(b, 0, conv, cmd, frg, wnd, ts, sn, una, payload.length);
        System.arraycopy(payload, 0, b, SegmentCodec.HEADER_BYTES, payload.length);
        return b;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    /** @return every observable fact about the engine, for before/after comparisons */
    String state(long nowMillis) {
        return engine.stats() + " peek=" + engine.peekSize() + " waiting=" + engine.waitingToSend() + " check="
                + engine.check(nowMillis) + " dead=" + engine.isDeadLink();
    }

    /** Splits the recorded datagrams into segments, as {@code cmd:sn:frg:len} strings. */
    List<String> segments() {
        List<String> s = new ArrayList<>();
        for (byte[] d : out) {
            for (int p = 0; d.length - p >= SegmentCodec.HEADER_BYTES; ) {
                int len = (int) SegmentCodec.len(d, p);
                s.add(SegmentCodec.cmd(d, p) + ":" + SegmentCodec.sn(d, p) + ":" + SegmentCodec.frg(d, p) + ":"
                        + len);
                p += SegmentCodec.HEADER_BYTES + len;
            }
        }
        return s;
    }
}
