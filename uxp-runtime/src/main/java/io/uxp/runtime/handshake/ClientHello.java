package io.uxp.runtime.handshake;

import io.uxp.api.spi.FecParams;
import io.uxp.runtime.FecOffer;
import io.uxp.runtime.negotiation.Offers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * A parsed ClientHello (docs/PROTOCOL.md section 4).
 *
 * @param connectionId the client's connection ID
 * @param ephemeralKey the client's ephemeral X25519 public key
 * @param random the client random
 * @param flags authentication flags
 * @param cookie the cookie, empty if none
 * @param offers the offers in preference order
 */
record ClientHello(long connectionId, byte[] ephemeralKey, byte[] random, int flags, byte[] cookie, Offers offers) {

    private static final int KNOWN_FLAGS = Wire.FLAG_PINNED_SERVER_KEY | Wire.FLAG_PRE_SHARED_KEY;
    /** The u16 that carries the padding length. */
    private static final int PADDING_LENGTH_BYTES = 2;

    /** @return the datagram, padded with zeros to exactly {@link Wire#MIN_CLIENT_HELLO_BYTES} */
    byte[] encode() {
        WireWriter w = new WireWriter();
        w.u8(Wire.TYPE_CLIENT_HELLO).u16(Wire.VERSION).u64(connectionId).bytes(ephemeralKey).bytes(random)
                .u8(flags).u8(cookie.length).bytes(cookie);
        w.u8(offers.ciphers().size());
        offers.ciphers().forEach(w::name);
        w.u8(offers.fecs().size());
        for (FecOffer f : offers.fecs()) {
            w.name(f.name());
            w.u8(f.params() == null ? 0 : f.params().dataShards());
            w.u8(f.params() == null ? 0 : f.params().parityShards());
        }
        w.u8(offers.congestionControls().size());
        offers.congestionControls().forEach(w::name);
        int padding = Math.max(0, Wire.MIN_CLIENT_HELLO_BYTES - w.size() - PADDING_LENGTH_BYTES);
        w.u16(padding).bytes(new byte[padding]);
        return w.toByteArray();
    }

    /**
     * Parses strictly: every length in bounds, names valid, no duplicates, zero padding, at least 1,200 and at
     * most 1,472 bytes, consumed exactly.
     *
     * @return the hello, or {@code null} if the datagram is malformed
     */
    static ClientHello parse(byte[] buffer, int offset, int length) {
        if (length < Wire.MIN_CLIENT_HELLO_BYTES || length > Wire.MAX_HANDSHAKE_BYTES) {
            return null;
        }
        WireReader r = new WireReader(buffer, offset, length);
        if (r.u8() != Wire.TYPE_CLIENT_HELLO || r.u16() != Wire.VERSION) {
            return null;
        }
        long cid = r.u64();
        byte[] eph = r.bytes(Wire.KEY_BYTES);
        byte[] random = r.bytes(Wire.RANDOM_BYTES);
        int flags = r.u8();
        if ((flags & ~KNOWN_FLAGS) != 0) {
            return null;
        }
        int cookieLength = r.u8();
        if (cookieLength != 0 && cookieLength != Wire.COOKIE_BYTES) {
            return null;
        }
        byte[] cookie = r.bytes(cookieLength);
        List<String> ciphers = names(r);
        List<FecOffer> fecs = fecs(r);
        List<String> ccs = names(r);
        r.zeros(r.u16());
        if (!r.completedExactly() || ciphers == null || fecs == null || ccs == null) {
            return null;
        }
        return new ClientHello(cid, eph, random, flags, cookie, new Offers(ciphers, fecs, ccs));
    }

    private static List<String> names(WireReader r) {
        int n = r.u8();
        if (n < 1 || n > Wire.MAX_OFFERS) {
            r.fail();
            return null;
        }
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n && !r.failed(); i++) {
            out.add(r.name());
        }
        return r.failed() || new HashSet<>(out).size() != n ? null : out;
    }

    private static List<FecOffer> fecs(WireReader r) {
        int n = r.u8();
        if (n < 1 || n > Wire.MAX_OFFERS) {
            r.fail();
            return null;
        }
        List<FecOffer> out = new ArrayList<>(n);
        for (int i = 0; i < n && !r.failed(); i++) {
            FecOffer f = fec(r);
            if (f == null) {
                r.fail();
                return null;
            }
            out.add(f);
        }
        return r.failed() || new HashSet<>(out).size() != n ? null : out;
    }

    /** One FEC entry: name, data shards, parity shards; {@code none} carries (0, 0). */
    static FecOffer fec(WireReader r) {
        String name = r.name();
        int data = r.u8();
        int parity = r.u8();
        if (r.failed()) {
            return null;
        }
        if (FecOffer.NONE.name().equals(name)) {
            return data == 0 && parity == 0 ? FecOffer.NONE : null;
        }
        if (data < 1 || data + parity > FecParams.MAX_TOTAL_SHARDS) {
            return null;
        }
        return new FecOffer(name, new FecParams(data, parity));
    }
}
