package io.uxp.runtime.handshake;

import io.uxp.api.NegotiatedSuite;
import io.uxp.runtime.FecOffer;

/**
 * A parsed ServerHello (docs/PROTOCOL.md section 5).
 *
 * @param serverConnectionId the server's connection ID
 * @param clientConnectionId the echoed client connection ID
 * @param ephemeralKey the server's ephemeral X25519 public key
 * @param random the server random
 * @param suite the server's choices
 * @param confirmation HMAC-SHA256 proving the server derived the same keys
 * @param transcriptPart the datagram up to (excluding) the confirmation, for the transcript hash
 */
record ServerHello(long serverConnectionId, long clientConnectionId, byte[] ephemeralKey, byte[] random,
        NegotiatedSuite suite, byte[] confirmation, byte[] transcriptPart) {

    /** @return the ServerHello without its confirmation, the part the transcript hashes */
    static byte[] encodeUnconfirmed(long serverConnectionId, long clientConnectionId, byte[] ephemeralKey,
            byte[] random, NegotiatedSuite suite) {
        WireWriter w = new WireWriter();
        w.u8(Wire.TYPE_SERVER_HELLO).u16(Wire.VERSION).u64(serverConnectionId).u64(clientConnectionId)
                .bytes(ephemeralKey).bytes(random).name(suite.cipher()).name(suite.fec())
                .u8(suite.fecParams() == null ? 0 : suite.fecParams().dataShards())
                .u8(suite.fecParams() == null ? 0 : suite.fecParams().parityShards())
                .name(suite.congestionControl());
        return w.toByteArray();
    }

    /** @return {@code unconfirmed || confirmation} */
    static byte[] withConfirmation(byte[] unconfirmed, byte[] confirmation) {
        byte[] out = new byte[unconfirmed.length + confirmation.length];
        System.arraycopy(unconfirmed, 0, out, 0, unconfirmed.length);
        System.arraycopy(confirmation, 0, out, unconfirmed.length, confirmation.length);
        return out;
    }

    /**
     * Parses strictly; the version is checked by the caller through the returned value's absence only when the
     * layout is that of version 1.
     *
     * @return the hello, or {@code null} if malformed
     */
    static ServerHello parse(byte[] buffer, int offset, int length) {
        if (length > Wire.MAX_HANDSHAKE_BYTES) {
            return null;
        }
        WireReader r = new WireReader(buffer, offset, length);
        if (r.u8() != Wire.TYPE_SERVER_HELLO || r.u16() != Wire.VERSION) {
            return null;
        }
        long scid = r.u64();
        long ccid = r.u64();
        byte[] eph = r.bytes(Wire.KEY_BYTES);
        byte[] random = r.bytes(Wire.RANDOM_BYTES);
        String cipher = r.name();
        FecOffer fec = ClientHello.fec(r);
        String cc = r.name();
        int bodyLength = length - r.remaining();
        byte[] confirmation = r.bytes(Wire.CONFIRMATION_BYTES);
        if (!r.completedExactly() || fec == null) {
            return null;
        }
        byte[] part = new byte[bodyLength];
        System.arraycopy(buffer, offset, part, 0, bodyLength);
        return new ServerHello(scid, ccid, eph, random, new NegotiatedSuite(cipher, fec.name(), fec.params(), cc),
                confirmation, part);
    }
}
