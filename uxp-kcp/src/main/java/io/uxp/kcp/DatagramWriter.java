package io.uxp.kcp;

/**
 * Packs segments into the engine's one reusable output buffer, handing a datagram to the {@link KcpOutput}
 * whenever the next segment would pass the MTU (reference {@code ikcp_flush}'s {@code ptr}/{@code buffer}).
 * The buffer keeps {@code headroom} bytes before and {@code tailroom} bytes after every datagram free.
 */
final class DatagramWriter {
    private final int conv;
    private final int mtu;
    private final int headroom;
    private final byte[] buffer;
    private final KcpOutput output;
    private int length;

    DatagramWriter(int conv, KcpConfig config, KcpOutput output) {
        this.conv = conv;
        this.mtu = config.mtuBytes();
        this.headroom = config.headroomBytes();
        this.buffer = new byte[config.headroomBytes() + config.mtuBytes() + config.tailroomBytes()];
        this.output = output;
    }

    /** Writes one segment header, and its payload if {@code payload} is not {@code null}. */
    void segment(int cmd, int frg, int wnd, int ts, int sn, int una, byte[] payload, int payloadLength) {
        if (length + SegmentCodec.HEADER_BYTES + payloadLength > mtu) {
            emit();
        }
        int at = SegmentCodec.writeHeader(buffer, headroom + length, conv, cmd, frg, wnd, ts, sn, una,
                payloadLength);
        if (payloadLength > 0) {
            System.arraycopy(payload, 0, buffer, at, payloadLength);
        }
        length += SegmentCodec.HEADER_BYTES + payloadLength;
    }

    /** Hands the pending datagram, if any, to the output. */
    void emit() {
        if (length > 0) {
            int n = length;
            length = 0;
            output.output(buffer, headroom, n);
        }
    }
}
