package io.uxp.runtime.handshake;

import java.nio.charset.StandardCharsets;

/**
 * A parsed Reject: the server refuses the handshake and says why (docs/PROTOCOL.md section 7).
 * Unauthenticated: it can only end a handshake whose connection ID the sender knows.
 *
 * @param version the server's protocol version
 * @param clientConnectionId the echoed client connection ID
 * @param reason a reason code ({@code Wire.REJECT_*})
 * @param message a sentence for humans
 */
record Reject(int version, long clientConnectionId, int reason, String message) {

    byte[] encode() {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(text.length, Wire.MAX_REJECT_MESSAGE_BYTES);
        byte[] clipped = new byte[n];
        System.arraycopy(text, 0, clipped, 0, n);
        return new WireWriter().u8(Wire.TYPE_REJECT).u16(version).u64(clientConnectionId).u8(reason).u16(n)
                .bytes(clipped).toByteArray();
    }

    /** @return the Reject, or {@code null} if malformed */
    static Reject parse(byte[] buffer, int offset, int length) {
        WireReader r = new WireReader(buffer, offset, length);
        if (r.u8() != Wire.TYPE_REJECT) {
            return null;
        }
        int version = r.u16();
        long cid = r.u64();
        int reason = r.u8();
        int n = r.u16();
        if (n > Wire.MAX_REJECT_MESSAGE_BYTES) {
            return null;
        }
        byte[] text = r.bytes(n);
        return r.completedExactly()
                ? new Reject(version, cid, reason, new String(text, StandardCharsets.UTF_8)) : null;
    }
}
