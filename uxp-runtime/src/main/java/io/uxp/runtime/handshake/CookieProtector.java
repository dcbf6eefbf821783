package io.uxp.runtime.handshake;

import io.uxp.runtime.record.Hkdf;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Stateless address-validation cookies (docs/PROTOCOL.md section 6):
 * {@code HMAC-SHA256(secret, address bytes || port(2) || slot(8))} truncated to 16 bytes, where
 * {@code slot = nowMillis / slotMillis}. A cookie of the current or the previous slot is accepted, under the
 * current secret or the previous one, so a slot boundary during a handshake never fails an honest client; the secret rotates every {@link #SECRET_LIFETIME_SLOTS} slots. Only the server
 * that minted a cookie checks it, so its content is opaque to clients. Costs one HMAC per check, no X25519.
 * One owner thread.
 */
final class CookieProtector {

    /** A cookie's time slot, in milliseconds: a cookie lives 30 to 60 seconds. */
    static final long SLOT_MILLIS = 30_000;
    /** Slots between secret rotations. */
    static final long SECRET_LIFETIME_SLOTS = 4;

    private final RandomGenerator random;
    private byte[] current = new byte[Hkdf.HASH_BYTES];
    private byte[] previous = new byte[Hkdf.HASH_BYTES];
    private long rotatedAtSlot;

    CookieProtector(RandomGenerator random, long nowMillis) {
        this.random = random;
        random.nextBytes(current);
        random.nextBytes(previous);
        this.rotatedAtSlot = nowMillis / SLOT_MILLIS;
    }

    private void rotate(long slot) {
        if (slot - rotatedAtSlot >= SECRET_LIFETIME_SLOTS) {
            Arrays.fill(previous, (byte) 0);
            previous = current;
            current = new byte[Hkdf.HASH_BYTES];
            random.nextBytes(current);
            rotatedAtSlot = slot;
        }
    }

    byte[] mint(InetSocketAddress address, long nowMillis) {
        long slot = nowMillis / SLOT_MILLIS;
        rotate(slot);
        return compute(current, address, slot);
    }

    boolean check(byte[] cookie, InetSocketAddress address, long nowMillis) {
        if (cookie.length != Wire.COOKIE_BYTES) {
            return false;
        }
        long slot = nowMillis / SLOT_MILLIS;
        rotate(slot);
        boolean ok = false;
        for (byte[] secret : new byte[][] {current, previous}) {
            for (long s = slot - 1; s <= slot; s++) {
                ok |= MessageDigest.isEqual(compute(secret, address, s), cookie);
            }
        }
        return ok;
    }

    private static byte[] compute(byte[] secret, InetSocketAddress address, long slot) {
        byte[] ip = address.getAddress().getAddress();
        byte[] tail = new byte[2 + Long.BYTES];
        tail[0] = (byte) (address.getPort() >>> 8);
        tail[1] = (byte) address.getPort();
        for (int i = 0; i < Long.BYTES; i++) {
            tail[2 + i] = (byte) (slot >>> (56 - 8 * i));
        }
        return Arrays.copyOf(Hkdf.hmac(secret, ip, tail), Wire.COOKIE_BYTES);
    }
}
