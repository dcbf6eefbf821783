package io.uxp.crypto.mac;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/**
 * The radix-2^64 Poly1305 against Bouncy Castle's: the zero-padded AEAD input over many keys and inputs, random ones
 * and the values that stress the carries and the final reduction (all-ones blocks, the largest clamped {@code r},
 * {@code s} of all ones); and NaCl's unpadded form ({@link Poly1305#message}) against
 * RFC 8439 section 2.5.2's vector and Bouncy Castle at every length of the last block. The AEADs' published
 * vectors (RFC 8439 sections 2.8.2 and A.5, NaCl's secretbox) are checked in the provider modules.
 */
class Poly1305Test {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void rfc8439Section252Vector() {
        byte[] key = HEX.parseHex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b");
        byte[] message = "Cryptographic Forum Research Group".getBytes(StandardCharsets.US_ASCII);
        Poly1305 mac = new Poly1305();
        mac.init(key);
        mac.message(message, 0, message.length);
        byte[] out = new byte[16];
        mac.finish(out, 0);
        assertThat(HEX.formatHex(out)).isEqualTo("a8061dc1305136c6c22b8baf0c0127a9");
    }

    @Test
    void wholeMessagesMatchBouncyCastleAtEveryLengthOfTheLastBlock() {
        SplittableRandom random = new SplittableRandom(255);
        for (int i = 0; i < 20_000; i++) {
            byte[] key = bytes(random, 32);
            int length = i < 64 ? i : random.nextInt(0, 1_500);
            byte[] data = random.nextInt(4) == 0 ? filled(length + 7, 0xFF) : bytes(random, length + 7);
            Poly1305 mac = new Poly1305();
            mac.init(key);
            mac.message(data, 7, length);
            byte[] out = new byte[16];
            mac.finish(out, 0);
            assertThat(out).as("case %d, %d bytes", i, length)
                    .isEqualTo(bouncyCastleTag(key, Arrays.copyOfRange(data, 7, 7 + length)));
        }
    }

    @Test
    void wholeBlocksNeedNoPaddingAndMatchPlainPoly1305() {
        // RFC 8439 section 2.5.2's key; a message of whole blocks is the same MAC input padded or not
        byte[] key = HEX.parseHex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b");
        byte[] message = "Cryptographic Forum Research Group".getBytes(StandardCharsets.US_ASCII);
        byte[] twoBlocks = Arrays.copyOf(message, 32);
        assertThat(tag(key, twoBlocks, 32)).isEqualTo(bouncyCastleTag(key, twoBlocks));
    }

    @Test
    void matchesBouncyCastleOnRandomKeysAndInputs() {
        SplittableRandom random = new SplittableRandom(8439);
        for (int i = 0; i < 20_000; i++) {
            byte[] key = bytes(random, 32);
            int aad = random.nextInt(0, 40);
            int body = random.nextInt(0, 1_500);
            byte[] data = bytes(random, aad + body);
            assertThat(aeadTag(key, data, aad, body)).as("case %d", i)
                    .isEqualTo(bouncyCastleAeadTag(key, data, aad, body));
        }
    }

    @Test
    void matchesBouncyCastleWhereTheCarriesAndTheReductionAreStressed() {
        SplittableRandom random = new SplittableRandom(1305);
        byte[][] keys = {
            filled(32, 0xFF), // the largest clamped r, s of all ones: the final addition wraps
            concat(filled(16, 0xFF), filled(16, 0x00)),
            concat(filled(16, 0x00), filled(16, 0xFF)), // r = 0: the tag is s
            concat(HEX.parseHex("fffffffffffffff0ffffffffffffff0f"), filled(16, 0x7F)),
        };
        byte[][] fills = {filled(2_048, 0xFF), filled(2_048, 0x00), filled(2_048, 0xFE), filled(2_048, 0x80)};
        for (byte[] key : keys) {
            for (byte[] fill : fills) {
                for (int body = 0; body <= 1_500; body += random.nextInt(1, 37)) {
                    int aad = body % 21;
                    assertThat(aeadTag(key, fill, aad, body)).isEqualTo(bouncyCastleAeadTag(key, fill, aad, body));
                }
            }
        }
        for (int i = 0; i < 2_000; i++) {
            byte[] key = bytes(random, 32);
            for (int j = 0; j < 16; j++) {
                key[j] |= (byte) 0xF0; // most bits of r set that the clamp keeps
            }
            int body = random.nextInt(0, 1_500);
            byte[] data = filled(body + 13, random.nextBoolean() ? 0xFF : 0xFE);
            assertThat(aeadTag(key, data, 13, body)).isEqualTo(bouncyCastleAeadTag(key, data, 13, body));
        }
    }

    @Test
    void aKeyedInstanceStartsAfreshAndAWipedOneForgetsItsKey() {
        byte[] key = bytes(new SplittableRandom(7), 32);
        byte[] data = bytes(new SplittableRandom(8), 300);
        Poly1305 mac = new Poly1305();
        mac.init(key);
        mac.padded(data, 0, 300);
        mac.init(key); // a new packet: what came before must not count
        assertThat(finish(mac, data, 13, 287)).isEqualTo(bouncyCastleAeadTag(key, data, 13, 287));
        mac.wipe();
        byte[] out = new byte[16];
        mac.finish(out, 0);
        assertThat(out).isEqualTo(new byte[16]);
    }

    private static byte[] tag(byte[] key, byte[] message, int length) {
        Poly1305 mac = new Poly1305();
        mac.init(key);
        mac.padded(message, 0, length);
        byte[] out = new byte[16];
        mac.finish(out, 0);
        return out;
    }

    private static byte[] aeadTag(byte[] key, byte[] data, int aad, int body) {
        Poly1305 mac = new Poly1305();
        mac.init(key);
        return finish(mac, data, aad, body);
    }

    private static byte[] finish(Poly1305 mac, byte[] data, int aad, int body) {
        mac.padded(data, 0, aad);
        mac.padded(data, aad, body);
        mac.lengths(aad, body);
        byte[] out = new byte[16];
        mac.finish(out, 0);
        return out;
    }

    private static byte[] bouncyCastleTag(byte[] key, byte[] message) {
        org.bouncycastle.crypto.macs.Poly1305 mac = new org.bouncycastle.crypto.macs.Poly1305();
        mac.init(new KeyParameter(key));
        mac.update(message, 0, message.length);
        byte[] out = new byte[16];
        mac.doFinal(out, 0);
        return out;
    }

    /** RFC 8439 section 2.8's MAC input, built byte by byte, through Bouncy Castle's Poly1305. */
    private static byte[] bouncyCastleAeadTag(byte[] key, byte[] data, int aad, int body) {
        org.bouncycastle.crypto.macs.Poly1305 mac = new org.bouncycastle.crypto.macs.Poly1305();
        mac.init(new KeyParameter(key));
        byte[] zeros = new byte[16];
        mac.update(data, 0, aad);
        mac.update(zeros, 0, (16 - aad % 16) % 16);
        mac.update(data, aad, body);
        mac.update(zeros, 0, (16 - body % 16) % 16);
        byte[] lengths = new byte[16];
        for (int i = 0; i < 8; i++) {
            lengths[i] = (byte) ((long) aad >>> (8 * i));
            lengths[8 + i] = (byte) ((long) body >>> (8 * i));
        }
        mac.update(lengths, 0, 16);
        byte[] out = new byte[16];
        mac.doFinal(out, 0);
        return out;
    }

    private static byte[] bytes(SplittableRandom random, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
