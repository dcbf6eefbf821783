package io.uxp.runtime.handshake;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.uxp.fuzz.Check;
import io.uxp.fuzz.FuzzInput;
import io.uxp.fuzz.FuzzOutput;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Fuzzes {@link CookieProtector#check} with a cookie minted for the rig's client address and then altered, shown
 * from fuzzer-chosen addresses at fuzzer-chosen times (which also drive the secret's rotation). Input: an address
 * kind byte, the address (4 or 16 bytes) and port; then rounds of {@code flags, time offset (s32 ms),
 * xor mask (16)} or, with flag bit 1, a raw cookie {@code length(1), bytes}. A check passes exactly when an
 * unaltered cookie is shown from the address it was minted for, in its own slot or the next, while its secret is
 * current or previous: a model of the rotation tracks that.
 */
class CookieFuzzTest {

    private static final int MAX_ROUNDS = 16;
    private static final int USE_FUZZED_ADDRESS = 0x01;
    private static final int RAW_COOKIE = 0x02;

    @FuzzTest
    void onlyAnUnalteredCookieFromItsAddressInTimeIsValid(byte[] data) {
        FuzzInput in = new FuzzInput(data);
        InetSocketAddress other = address(in);
        InetSocketAddress minted = HandshakeRig.CLIENT;
        CookieProtector cookies = new CookieProtector(new SplittableRandom(7), HandshakeRig.NOW);
        byte[] cookie = cookies.mint(minted, HandshakeRig.NOW);
        long mintSlot = HandshakeRig.NOW / CookieProtector.SLOT_MILLIS;
        long rotatedAt = mintSlot;
        int rotations = 0;
        for (int round = 0; round < MAX_ROUNDS && in.hasMore(); round++) {
            int flags = in.u8();
            long now = HandshakeRig.NOW + in.u32();
            byte[] shown;
            if ((flags & RAW_COOKIE) != 0) {
                shown = in.bytes(in.u8() % 40);
            } else {
                shown = cookie.clone();
                byte[] mask = in.bytes(Wire.COOKIE_BYTES);
                for (int i = 0; i < mask.length; i++) {
                    shown[i] ^= mask[i];
                }
            }
            InetSocketAddress from = (flags & USE_FUZZED_ADDRESS) != 0 ? other : minted;
            long slot = now / CookieProtector.SLOT_MILLIS;
            // the protector rotates lazily, when it checks a cookie of the right length
            if (shown.length == Wire.COOKIE_BYTES && slot - rotatedAt >= CookieProtector.SECRET_LIFETIME_SLOTS) {
                rotations++;
                rotatedAt = slot;
            }
            boolean expected = java.util.Arrays.equals(shown, cookie) && from.equals(minted) && rotations <= 1
                    && (slot == mintSlot || slot == mintSlot + 1);
            boolean valid = cookies.check(shown, from, now);
            Check.that(valid == expected, "cookie check said " + valid + " at slot " + slot + " (minted in "
                    + mintSlot + ", " + rotations + " rotations) from " + from);
        }
    }

    private static InetSocketAddress address(FuzzInput in) {
        boolean v6 = (in.u8() & 1) != 0;
        byte[] ip = new byte[v6 ? 16 : 4];
        byte[] given = in.bytes(ip.length);
        System.arraycopy(given, 0, ip, 0, given.length);
        int port = in.u16();
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // only for a wrong length, which cannot happen here
        }
    }

    /** Rounds that keep the cookie valid, then age it, alter it and move it to another address. */
    static Map<String, byte[]> seeds() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        byte[] client = HandshakeRig.CLIENT.getAddress().getAddress();
        FuzzOutput valid = new FuzzOutput().u8(0).bytes(client).u16(HandshakeRig.CLIENT.getPort());
        valid.u8(0).u32(0).bytes(new byte[16]).u8(0).u32(45_000).bytes(new byte[16]);
        seeds.put("valid-then-next-slot", valid.toByteArray());
        FuzzOutput aged = new FuzzOutput().u8(0).bytes(client).u16(HandshakeRig.CLIENT.getPort());
        aged.u8(0).u32(200_000).bytes(new byte[16]).u8(0).u32(10_000).bytes(new byte[16]);
        seeds.put("rotated-then-back", aged.toByteArray());
        byte[] flip = new byte[16];
        flip[5] = 1;
        FuzzOutput altered = new FuzzOutput().u8(1).bytes(new byte[15]).bytes(new byte[] {1}).u16(40_000);
        altered.u8(0).u32(0).bytes(flip).u8(USE_FUZZED_ADDRESS).u32(0).bytes(new byte[16])
                .u8(RAW_COOKIE).u8(16).bytes(new byte[16]);
        seeds.put("altered-elsewhere-raw", altered.toByteArray());
        return seeds;
    }
}
