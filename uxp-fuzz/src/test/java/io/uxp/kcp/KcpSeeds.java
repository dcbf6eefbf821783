package io.uxp.kcp;

import io.uxp.fuzz.FuzzOutput;
import io.uxp.kcp.cc.KcpCongestionProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seeds of {@link KcpInputFuzzTest}, recorded from two real engines of its conversation: a PUSH, fragments of a
 * message, an ACK, and the WASK / WINS of a zero-window probe (the receiver stops reading until its window closes),
 * each as an input operation; and sessions that send, update and exchange with the harness's peer.
 */
final class KcpSeeds {

    private static final int INPUT = 0;
    private static final int SEND = 1;
    private static final int RECEIVE = 2;
    private static final int UPDATE = 3;
    private static final int FLUSH = 4;
    private static final int CHECK = 5;
    private static final int EXCHANGE = 6;
    private static final int PEER = 0x80;

    private KcpSeeds() {
    }

    static Map<String, byte[]> seeds() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        List<byte[]> toB = new ArrayList<>();
        List<byte[]> toA = new ArrayList<>();
        simulateZeroWindow(KcpInputFuzzTest.config(0x20), toB, toA);
        seeds.put("push", input(0x20, first(toB, SegmentCodec.CMD_PUSH)));
        seeds.put("ack", input(0x20, first(toA, SegmentCodec.CMD_ACK)));
        seeds.put("wask", input(0x20, first(toB, SegmentCodec.CMD_WASK)));
        seeds.put("wins", input(0x20, first(toA, SegmentCodec.CMD_WINS)));

        List<byte[]> fragments = new ArrayList<>();
        KcpConfig small = KcpInputFuzzTest.config(0x40);
        KcpEngine a = engine(small, fragments);
        a.send(new byte[700], 0, 700);
        a.update(0);
        FuzzOutput f = new FuzzOutput().u8(0x40);
        fragments.forEach(d -> f.u8(INPUT).chunk(d));
        seeds.put("push-fragments-small-mtu", f.u8(RECEIVE).u16(4096).toByteArray());

        for (int bits : new int[] {0x00, 0x01, 0x03, 0x19, 0x25}) {
            FuzzOutput s = new FuzzOutput().u8(bits);
            s.u8(SEND).u16(3000).u8(SEND | PEER).u16(500).u8(UPDATE).u16(100).u8(EXCHANGE).u8(0)
                    .u8(RECEIVE).u16(4096).u8(SEND).u16(100).u8(UPDATE).u16(300).u8(EXCHANGE | PEER).u8(0x03)
                    .u8(UPDATE).u16(3000).u8(CHECK).u8(EXCHANGE).u8(0).u8(FLUSH).u8(RECEIVE).u16(4096);
            seeds.put(String.format("session-%02x", bits), s.toByteArray());
        }
        return seeds;
    }

    private static byte[] input(int bits, byte[] datagram) {
        return new FuzzOutput().u8(bits).u8(INPUT).chunk(datagram).u8(UPDATE).u16(100).toByteArray();
    }

    /** A sender fills a receiver that never reads, so the receiver's window closes and the sender probes it. */
    private static void simulateZeroWindow(KcpConfig config, List<byte[]> toB, List<byte[]> toA) {
        KcpEngine a = engine(config, toB);
        KcpEngine b = engine(config, toA);
        for (int i = 0; i < 20; i++) {
            a.send(new byte[100], 0, 100);
        }
        int deliveredToB = 0;
        int deliveredToA = 0;
        for (long t = 0; t < 30_000_000L; t += 100_000) {
            a.update(t);
            for (; deliveredToB < toB.size(); deliveredToB++) {
                byte[] d = toB.get(deliveredToB);
                b.input(d, 0, d.length, t);
            }
            b.update(t);
            for (; deliveredToA < toA.size(); deliveredToA++) {
                byte[] d = toA.get(deliveredToA);
                a.input(d, 0, d.length, t);
            }
        }
    }

    private static KcpEngine engine(KcpConfig config, List<byte[]> out) {
        return new KcpEngine(KcpInputFuzzTest.CONV, config,
                new KcpCongestionProvider().newController(config.mssBytes()),
                (buf, off, len) -> out.add(Arrays.copyOfRange(buf, off, off + len)));
    }

    /** @return the first datagram holding a segment with {@code cmd} */
    private static byte[] first(List<byte[]> datagrams, int cmd) {
        for (byte[] d : datagrams) {
            for (int p = 0; d.length - p >= SegmentCodec.HEADER_BYTES; p += SegmentCodec.HEADER_BYTES
                    + (int) SegmentCodec.len(d, p)) {
                if (SegmentCodec.cmd(d, p) == cmd) {
                    return d;
                }
            }
        }
        throw new IllegalStateException("no datagram with command " + cmd + " in " + datagrams.size());
    }
}
