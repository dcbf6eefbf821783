package io.uxp.kcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.kcp.cc.FixedCongestionProvider;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes of the segment encoding. Every expected byte string below was worked out by hand from the layout
 * {@code conv u32 | cmd u8 | frg u8 | wnd u16 | ts u32 | sn u32 | una u32 | len u32} (little-endian, reference
 * {@code ikcp_encode_seg}), field by field as the comments show; none was produced by the code under test.
 */
class SegmentEncodingTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final int CONV = 0x01020304;

    private final List<byte[]> datagrams = new ArrayList<>();

    private KcpEngine engine(KcpConfig config) {
        return new KcpEngine(CONV, config, new FixedCongestionProvider().newController(config.mssBytes()),
                (buf, off, len) -> datagrams.add(java.util.Arrays.copyOfRange(buf, off, off + len)));
    }

    @Test
    void headerFieldsAreWrittenLittleEndianAtTheirOffsets() {
        byte[] b = new byte[26];
        int end = SegmentCodec.writeHeader(b, 2, 0xA1B2C3D4, 84, 0xFE, 0xBEEF, 0x01020304, 0x7FFFFFFF, -2, 0x10);

        assertThat(end).isEqualTo(26);
        assertThat(HEX.formatHex(b)).isEqualTo("0000"
                + "d4c3b2a1" // conv 0xA1B2C3D4
                + "54" // cmd 84 = 0x54 (WINS)
                + "fe" // frg 0xFE
                + "efbe" // wnd 0xBEEF
                + "04030201" // ts 0x01020304
                + "ffffff7f" // sn 0x7FFFFFFF
                + "feffffff" // una -2 = 0xFFFFFFFE
                + "10000000"); // len 16
    }

    @Test
    void headerFieldsReadBackWithUnsignedWidths() {
        byte[] b = HEX.parseHex("d4c3b2a1" + "52" + "ff" + "ffff" + "04030201" + "feffffff" + "00000080"
                + "ffffffff");

        assertThat(SegmentCodec.conv(b, 0)).isEqualTo(0xA1B2C3D4);
        assertThat(SegmentCodec.cmd(b, 0)).isEqualTo(82);
        assertThat(SegmentCodec.frg(b, 0)).isEqualTo(255);
        assertThat(SegmentCodec.wnd(b, 0)).isEqualTo(65535);
        assertThat(SegmentCodec.ts(b, 0)).isEqualTo(0x01020304);
        assertThat(SegmentCodec.sn(b, 0)).isEqualTo(0xFFFFFFFE);
        assertThat(SegmentCodec.una(b, 0)).isEqualTo(0x80000000);
        assertThat(SegmentCodec.len(b, 0)).isEqualTo(0xFFFFFFFFL);
    }

    @Test
    void theFirstDataSegmentOfAnEngineHasTheReferenceEncoding() {
        KcpEngine engine = engine(KcpConfig.defaults());
        engine.send(new byte[] {'a', 'b', 'c'}, 0, 3);

        engine.flush(0x1_11223344L * 1000); // microseconds

        assertThat(datagrams).hasSize(1);
        assertThat(HEX.formatHex(datagrams.get(0))).isEqualTo(
                "04030201" // conv 0x01020304
                + "51" // cmd PUSH = 81 = 0x51
                + "00" // frg 0: a one-segment message
                + "8000" // wnd 128: the default receive window, all free
                + "44332211" // ts: low 32 bits of 0x1_11223344
                + "00000000" // sn 0: the first segment
                + "00000000" // una 0: nothing received yet
                + "03000000" // len 3
                + "616263"); // "abc"
    }

    @Test
    void anAcknowledgementEchoesTheSegmentsSnAndTimestamp() {
        KcpEngine engine = engine(KcpConfig.defaults());
        // PUSH sn=7 ts=0x0A0B0C0D len=0 from the peer: out of order, so it is acknowledged but una stays 0
        byte[] push = HEX.parseHex("04030201" + "51" + "00" + "8000" + "0d0c0b0a" + "07000000" + "00000000"
                + "00000000");
        assertThat(engine.input(push, 0, push.length, 1_000_000)).isEqualTo(KcpEngine.OK);

        engine.flush(1_000_000);

        assertThat(datagrams).hasSize(1);
        assertThat(HEX.formatHex(datagrams.get(0))).isEqualTo(
                "04030201" // conv
                + "52" // cmd ACK = 82 = 0x52
                + "00" // frg 0
                + "8000" // wnd 128: segment 7 waits out of order, the ready queue is empty
                + "0d0c0b0a" // ts echoed
                + "07000000" // sn 7 acknowledged
                + "00000000" // una 0: segment 0 still missing
                + "00000000"); // len 0
    }

    @Test
    void theDatagramLeavesTheConfiguredHeadroomAndTailroomInTheBuffer() {
        int[] seen = new int[3];
        KcpConfig config = KcpConfig.defaults().withReservedBytes(13, 16);
        KcpEngine engine = new KcpEngine(CONV, config, new FixedCongestionProvider().newController(1376),
                (buf, off, len) -> {
                    seen[0] = off;
                    seen[1] = len;
                    seen[2] = buf.length;
                });
        engine.send(new byte[1376], 0, 1376);

        engine.flush(0);

        assertThat(seen[0]).isEqualTo(13);
        assertThat(seen[1]).isEqualTo(1400);
        assertThat(seen[2]).isGreaterThanOrEqualTo(13 + 1400 + 16);
    }

    @Test
    void severalSegmentsShareADatagramUpToTheMtu() {
        KcpEngine engine = engine(KcpConfig.defaults().withMtuBytes(100));
        for (int i = 0; i < 3; i++) {
            engine.send(new byte[20], 0, 20);
        }

        engine.flush(0);

        // each segment is 24 + 20 = 44 bytes: two fit in 100, the third starts a new datagram
        assertThat(datagrams).extracting(d -> d.length).containsExactly(88, 44);
    }
}
