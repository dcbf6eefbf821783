package io.uxp.runtime.handshake;

/**
 * A parsed Retry: the server's demand for a cookie (docs/PROTOCOL.md section 6).
 *
 * @param clientConnectionId the echoed client connection ID
 * @param cookie the cookie to put in the next ClientHello
 */
record Retry(long clientConnectionId, byte[] cookie) {

    /** Retry length: type, version, connection ID, cookie length, cookie. */
    static final int BYTES = 1 + 2 + 8 + 1 + Wire.COOKIE_BYTES;

    byte[] encode() {
        return new WireWriter().u8(Wire.TYPE_RETRY).u16(Wire.VERSION).u64(clientConnectionId).u8(cookie.length)
                .bytes(cookie).toByteArray();
    }

    /** @return the Retry, or {@code null} if malformed */
    static Retry parse(byte[] buffer, int offset, int length) {
        WireReader r = new WireReader(buffer, offset, length);
        if (r.u8() != Wire.TYPE_RETRY || r.u16() != Wire.VERSION) {
            return null;
        }
        long cid = r.u64();
        if (r.u8() != Wire.COOKIE_BYTES) {
            return null;
        }
        byte[] cookie = r.bytes(Wire.COOKIE_BYTES);
        return r.completedExactly() ? new Retry(cid, cookie) : null;
    }
}
