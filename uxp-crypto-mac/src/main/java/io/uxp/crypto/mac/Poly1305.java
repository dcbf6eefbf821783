package io.uxp.crypto.mac;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Poly1305 (RFC 8439 section 2.5) over the MAC inputs of the built-in AEADs, which come in parts that are each either
 * zero-padded to whole 16-byte blocks (RFC 8439 section 2.8: {@link #padded}) or the whole message, its last
 * partial block padded as Poly1305 itself pads it (NaCl's secretbox: {@link #message}); so no partial block is ever
 * buffered between calls. The accumulator and
 * {@code r} are held in radix 2^64 (two 64-bit limbs and two bits of {@code h}), so a block costs four 64 x 64 ->
 * 128-bit products and two small ones, where radix 2^26 (Bouncy Castle's) costs 25; the reduction folds the
 * product's bits from 2^130 up back in times 5 (2^130 = 5 mod p), using that clamping leaves {@code r1} a multiple
 * of 4, so {@code r1 * 2^128 = (r1 / 4) * 2^130 = 5 * r1 / 4}.
 *
 * <p>Constant time: no branch or index depends on the key or the data (only on lengths); the final reduction selects
 * with a mask. Allocates nothing. Not thread-safe: one instance per sealer or opener.
 */
public final class Poly1305 {

    /** Poly1305's block: 16 bytes. */
    private static final int BLOCK_BYTES = 16;
    /** RFC 8439 section 2.5: r's clamp, low and high 64 bits (little-endian words of the key's first 16 bytes). */
    private static final long CLAMP_LOW = 0x0FFFFFFC0FFFFFFFL;
    private static final long CLAMP_HIGH = 0x0FFFFFFC0FFFFFFCL;
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private long r0;
    private long r1;
    /** {@code 5 * r1 / 4}, exact because the clamp clears r1's low two bits. */
    private long s1;
    private long pad0;
    private long pad1;
    private long h0;
    private long h1;
    private long h2;
    /** A last partial block, zero-padded, or the lengths block: one 16-byte buffer reused. */
    private final byte[] tail = new byte[BLOCK_BYTES];

    /** An unkeyed MAC: {@link #init} keys it for each message. */
    public Poly1305() {
    }

    /**
     * Keys a new MAC and clears the accumulator.
     *
     * @param key the 32-byte one-time key: {@code r} (clamped here) then {@code s}
     */
    public void init(byte[] key) {
        r0 = (long) LE_LONG.get(key, 0) & CLAMP_LOW;
        r1 = (long) LE_LONG.get(key, 8) & CLAMP_HIGH;
        s1 = r1 + (r1 >>> 2);
        pad0 = (long) LE_LONG.get(key, 16);
        pad1 = (long) LE_LONG.get(key, 24);
        h0 = 0;
        h1 = 0;
        h2 = 0;
    }

    /**
     * Authenticates {@code length} bytes followed by zeros up to a multiple of 16 (RFC 8439 section 2.8's
     * {@code pad16}); nothing for a length of 0.
     */
    public void padded(byte[] in, int offset, int length) {
        int end = offset + (length & ~(BLOCK_BYTES - 1));
        blocks(in, offset, end, 1);
        int rest = offset + length - end;
        if (rest > 0) {
            System.arraycopy(in, end, tail, 0, rest);
            Arrays.fill(tail, rest, BLOCK_BYTES, (byte) 0);
            blocks(tail, 0, BLOCK_BYTES, 1);
        }
    }

    /**
     * Authenticates {@code length} bytes as the whole of Poly1305's message: a last partial block gets a 1 byte
     * after it and no 2^128 bit (RFC 8439 section 2.5). Nothing may follow before {@link #finish}.
     */
    public void message(byte[] in, int offset, int length) {
        int end = offset + (length & ~(BLOCK_BYTES - 1));
        blocks(in, offset, end, 1);
        int rest = offset + length - end;
        if (rest > 0) {
            System.arraycopy(in, end, tail, 0, rest);
            tail[rest] = 1;
            Arrays.fill(tail, rest + 1, BLOCK_BYTES, (byte) 0);
            blocks(tail, 0, BLOCK_BYTES, 0);
        }
    }

    /** Authenticates the AEAD's last block: {@code le64(aadLength) || le64(ciphertextLength)}. */
    public void lengths(long aadLength, long ciphertextLength) {
        LE_LONG.set(tail, 0, aadLength);
        LE_LONG.set(tail, 8, ciphertextLength);
        blocks(tail, 0, BLOCK_BYTES, 1);
    }

    /** Writes the 16-byte tag {@code (h mod p + s) mod 2^128} at {@code out[offset]}. */
    public void finish(byte[] out, int offset) {
        // fold h2's bits from 2^130 up once more: then h < 2^130 + 5 < 2p
        long c = (h2 >>> 2) * 5;
        h2 &= 3;
        long t0 = h0 + c;
        long c0 = carry(h0, c, t0);
        long t1 = h1 + c0;
        long c1 = carry(h1, c0, t1);
        long t2 = h2 + c1;
        // h - p = h + 5 - 2^130: taken when h + 5 reaches 2^130
        long g0 = t0 + 5;
        long d0 = carry(t0, 5, g0);
        long g1 = t1 + d0;
        long d1 = carry(t1, d0, g1);
        long g2 = t2 + d1;
        long mask = -(g2 >>> 2);
        t0 = (t0 & ~mask) | (g0 & mask);
        t1 = (t1 & ~mask) | (g1 & mask);
        long f0 = t0 + pad0;
        long e0 = carry(t0, pad0, f0);
        long f1 = t1 + pad1 + e0;
        LE_LONG.set(out, offset, f0);
        LE_LONG.set(out, offset + 8, f1);
    }

    /** Wipes the key and the accumulator. */
    public void wipe() {
        r0 = 0;
        r1 = 0;
        s1 = 0;
        pad0 = 0;
        pad1 = 0;
        h0 = 0;
        h1 = 0;
        h2 = 0;
        Arrays.fill(tail, (byte) 0);
    }

    /**
     * {@code h = (h + m + hibit * 2^128) * r}, partly reduced mod 2^130 - 5, for each 16-byte block {@code m} of
     * {@code in[p, end)}. The accumulator and key stay in locals through the loop: a block is a few multiplies, and
     * reading and writing six fields around each (as a per-block method does when the JIT does not inline it into
     * a large caller) cost as much again.
     */
    private void blocks(byte[] in, int p, int end, long hibit) {
        long h0 = this.h0;
        long h1 = this.h1;
        long h2 = this.h2;
        final long r0 = this.r0;
        final long r1 = this.r1;
        final long s1 = this.s1;
        for (; p < end; p += BLOCK_BYTES) {
            long m0 = (long) LE_LONG.get(in, p);
            long m1 = (long) LE_LONG.get(in, p + 8);
            long a0 = h0 + m0;
            long k0 = carry(h0, m0, a0);
            long a1 = h1 + m1;
            long k1 = carry(h1, m1, a1);
            long b1 = a1 + k0;
            k1 += carry(a1, k0, b1);
            long a2 = h2 + k1 + hibit;

            // d0 = a0 r0 + b1 s1 (128 bits: lo0, hi0)
            long lo0 = a0 * r0;
            long hi0 = highUnsigned(a0, r0);
            long prod = b1 * s1;
            long sum = lo0 + prod;
            hi0 += highUnsigned(b1, s1) + carry(lo0, prod, sum);
            lo0 = sum;
            // d1 = a0 r1 + b1 r0 + a2 s1 + hi0 (lo1, hi1); a2 s1 and a2 r0 fit in 63 bits (a2 <= 7, r, s1 < 2^61)
            long lo1 = a0 * r1;
            long hi1 = highUnsigned(a0, r1);
            prod = b1 * r0;
            sum = lo1 + prod;
            hi1 += highUnsigned(b1, r0) + carry(lo1, prod, sum);
            prod = a2 * s1;
            lo1 = sum + prod;
            hi1 += carry(sum, prod, lo1);
            sum = lo1 + hi0;
            hi1 += carry(lo1, hi0, sum);
            lo1 = sum;
            // d2 = a2 r0 + hi1, then its bits from 2^130 up folded back in times 5
            long d2 = a2 * r0 + hi1;
            long fold = (d2 & ~3L) + (d2 >>> 2);
            long n0 = lo0 + fold;
            long c0 = carry(lo0, fold, n0);
            long n1 = lo1 + c0;
            h0 = n0;
            h1 = n1;
            h2 = (d2 & 3) + carry(lo1, c0, n1);
        }
        this.h0 = h0;
        this.h1 = h1;
        this.h2 = h2;
    }

    /** @return the high 64 bits of the unsigned 128-bit product of {@code a} and {@code b}, {@code b < 2^63} */
    private static long highUnsigned(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b);
    }

    /** @return 1 if {@code sum = a + b} carried out of 64 bits, else 0, without a branch */
    private static long carry(long a, long b, long sum) {
        return ((a & b) | ((a | b) & ~sum)) >>> 63;
    }
}
