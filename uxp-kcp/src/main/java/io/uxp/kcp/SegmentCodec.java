package io.uxp.kcp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Flyweight codec of the 24-byte KCP segment header, read and written in place in a byte array. Layout
 * (reference {@code ikcp.c}, {@code ikcp_encode_seg}), little-endian:
 * {@code conv u32 | cmd u8 | frg u8 | wnd u16 | ts u32 | sn u32 | una u32 | len u32}, then {@code len} payload bytes.
 */
final class SegmentCodec {

    /** Header length in bytes (reference IKCP_OVERHEAD). */
    static final int HEADER_BYTES = 24;
    static final int CONV_OFFSET = 0;
    static final int CMD_OFFSET = 4;
    static final int FRG_OFFSET = 5;
    static final int WND_OFFSET = 6;
    static final int TS_OFFSET = 8;
    static final int SN_OFFSET = 12;
    static final int UNA_OFFSET = 16;
    static final int LEN_OFFSET = 20;

    /** Data segment (reference IKCP_CMD_PUSH). */
    static final int CMD_PUSH = 81;
    /** Acknowledgement (reference IKCP_CMD_ACK). */
    static final int CMD_ACK = 82;
    /** Window probe, "tell me your window" (reference IKCP_CMD_WASK). */
    static final int CMD_WASK = 83;
    /** Window size answer (reference IKCP_CMD_WINS). */
    static final int CMD_WINS = 84;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private SegmentCodec() {
    }

    /**
     * Writes a whole header at {@code off}; each argument is truncated to its wire width.
     *
     * @return the offset just past the header
     */
    static int writeHeader(byte[] b, int off, int conv, int cmd, int frg, int wnd, int ts, int sn, int una,
            int len) {
        INT.set(b, off + CONV_OFFSET, conv);
        b[off + CMD_OFFSET] = (byte) cmd;
        b[off + FRG_OFFSET] = (byte) frg;
        SHORT.set(b, off + WND_OFFSET, (short) wnd);
        INT.set(b, off + TS_OFFSET, ts);
        INT.set(b, off + SN_OFFSET, sn);
        INT.set(b, off + UNA_OFFSET, una);
        INT.set(b, off + LEN_OFFSET, len);
        return off + HEADER_BYTES;
    }

    static int conv(byte[] b, int off) {
        return (int) INT.get(b, off + CONV_OFFSET);
    }

    static int cmd(byte[] b, int off) {
        return b[off + CMD_OFFSET] & 0xFF;
    }

    static int frg(byte[] b, int off) {
        return b[off + FRG_OFFSET] & 0xFF;
    }

    static int wnd(byte[] b, int off) {
        return (short) SHORT.get(b, off + WND_OFFSET) & 0xFFFF;
    }

    static int ts(byte[] b, int off) {
        return (int) INT.get(b, off + TS_OFFSET);
    }

    static int sn(byte[] b, int off) {
        return (int) INT.get(b, off + SN_OFFSET);
    }

    static int una(byte[] b, int off) {
        return (int) INT.get(b, off + UNA_OFFSET);
    }

    /** @return the payload length as an unsigned 32-bit value */
    static long len(byte[] b, int off) {
        return Integer.toUnsignedLong((int) INT.get(b, off + LEN_OFFSET));
    }

    /**
     * Checks a whole datagram without acting on it: every segment's conv, cmd, length, and for data segments a
     * {@code frg} that fits a receive window of {@code receiveWindow} segments.
     *
     * @return {@link KcpEngine#OK} or the {@code KcpEngine.INPUT_} code of the first fault
     */
    static int validate(byte[] buf, int off, int len, int conv, int receiveWindow) {
        if (len < HEADER_BYTES) {
            return KcpEngine.INPUT_TOO_SHORT;
        }
        int end = off + len;
        for (int p = off; end - p >= HEADER_BYTES; ) {
            if (conv(buf, p) != conv) {
                return KcpEngine.INPUT_WRONG_CONV;
            }
            int cmd = cmd(buf, p);
            if (cmd < CMD_PUSH || cmd > CMD_WINS) {
                return KcpEngine.INPUT_UNKNOWN_COMMAND;
            }
            long length = len(buf, p);
            if (length > end - p - HEADER_BYTES) {
                return KcpEngine.INPUT_BAD_LENGTH;
            }
            if (cmd == CMD_PUSH && frg(buf, p) >= receiveWindow) {
                return KcpEngine.INPUT_FRAGMENT_BEYOND_WINDOW;
            }
            p += HEADER_BYTES + (int) length;
        }
        return KcpEngine.OK;
    }
}
