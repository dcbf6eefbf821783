package io.uxp.crypto.chacha;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.spi.PacketOpener;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The published RFC 8439 AEAD vectors, sealed and opened in place inside a larger datagram buffer. */
abstract class ChaCha20Poly1305VectorTest {

    private static final HexFormat HEX = HexFormat.of();
    /** @return the provider under test, fixed to one backend */
    abstract ChaCha20Poly1305Provider provider();

    // RFC 8439 section 2.8.2
    static final byte[] KEY_2_8_2 = HEX.parseHex(
            "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
    static final byte[] NONCE_2_8_2 = HEX.parseHex("070000004041424344454647");
    static final byte[] AAD_2_8_2 = HEX.parseHex("50515253c0c1c2c3c4c5c6c7");
    static final byte[] PLAINTEXT_2_8_2 = ("Ladies and Gentlemen of the class of '99: If I could offer you "
            + "only one tip for the future, sunscreen would be it.").getBytes(StandardCharsets.US_ASCII);
    static final byte[] CIPHERTEXT_2_8_2 = HEX.parseHex(
            "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
            + "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
            + "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
            + "3ff4def08e4b7a9de576d26586cec64b6116");
    static final byte[] TAG_2_8_2 = HEX.parseHex("1ae10b594f09e26a7e902ecbd0600691");

    // RFC 8439 appendix A.5 (a decryption vector: 265 bytes, a 12-byte AAD)
    private static final byte[] KEY_A_5 = HEX.parseHex(
            "1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0");
    private static final byte[] NONCE_A_5 = HEX.parseHex("000000000102030405060708");
    private static final byte[] AAD_A_5 = HEX.parseHex("f33388860000000000004e91");
    private static final byte[] CIPHERTEXT_A_5 = HEX.parseHex(
            "64a0861575861af460f062c79be643bd5e805cfd345cf389f108670ac76c8cb2"
            + "4c6cfc18755d43eea09ee94e382d26b0bdb7b73c321b0100d4f03b7f355894cf"
            + "332f830e710b97ce98c8a84abd0b948114ad176e008d33bd60f982b1ff37c855"
            + "9797a06ef4f0ef61c186324e2b3506383606907b6a7c02b0f9f6157b53c867e4"
            + "b9166c767b804d46a59b5216cde7a4e99040c5a40433225ee282a1b0a06c523e"
            + "af4534d7f83fa1155b0047718cbc546a0d072b04b3564eea1b422273f548271a"
            + "0bb2316053fa76991955ebd63159434ecebb4e466dae5a1073a6727627097a10"
            + "49e617d91d361094fa68f0ff77987130305beaba2eda04df997b714d6c6f2c29"
            + "a6ad5cb4022b02709b");
    private static final byte[] TAG_A_5 = HEX.parseHex("eead9d67890cbb22392336fea1851f38");
    private static final String PLAINTEXT_A_5 = "Internet-Drafts are draft documents valid for a maximum of six months"
            + " and may be updated, replaced, or obsoleted by other documents at any time. It is inappropriate to use"
            + " Internet-Drafts as reference material or to cite them other than as /\u201cwork in progress./\u201d";

    /** Bytes before the AAD and after the tag, which neither seal nor open may touch. */
    private static final int GUARD = 7;
    private static final byte GUARD_BYTE = (byte) 0xA5;

    @Test
    void sealingTheSection282VectorProducesThePublishedCiphertextAndTag() {
        byte[] packet = datagram(AAD_2_8_2, PLAINTEXT_2_8_2);
        int bodyOffset = GUARD + AAD_2_8_2.length;

        int sealed = provider().newSealer(KEY_2_8_2).seal(NONCE_2_8_2, packet, GUARD, AAD_2_8_2.length, bodyOffset,
                PLAINTEXT_2_8_2.length);

        assertThat(sealed).isEqualTo(PLAINTEXT_2_8_2.length + 16);
        assertThat(Arrays.copyOfRange(packet, bodyOffset, bodyOffset + PLAINTEXT_2_8_2.length))
                .isEqualTo(CIPHERTEXT_2_8_2);
        assertThat(Arrays.copyOfRange(packet, bodyOffset + PLAINTEXT_2_8_2.length, bodyOffset + sealed))
                .isEqualTo(TAG_2_8_2);
        assertThat(Arrays.copyOfRange(packet, GUARD, bodyOffset)).isEqualTo(AAD_2_8_2);
        assertGuardsIntact(packet);
    }

    @Test
    void openingTheSection282VectorRecoversThePlaintextInPlace() {
        byte[] packet = datagram(AAD_2_8_2, concat(CIPHERTEXT_2_8_2, TAG_2_8_2));
        int bodyOffset = GUARD + AAD_2_8_2.length;

        int opened = provider().newOpener(KEY_2_8_2).open(NONCE_2_8_2, packet, GUARD, AAD_2_8_2.length, bodyOffset,
                CIPHERTEXT_2_8_2.length + 16);

        assertThat(opened).isEqualTo(PLAINTEXT_2_8_2.length);
        assertThat(Arrays.copyOfRange(packet, bodyOffset, bodyOffset + opened)).isEqualTo(PLAINTEXT_2_8_2);
        assertGuardsIntact(packet);
    }

    @Test
    void openingTheAppendixA5VectorRecoversTheInternetDraftsText() {
        byte[] packet = datagram(AAD_A_5, concat(CIPHERTEXT_A_5, TAG_A_5));
        int bodyOffset = GUARD + AAD_A_5.length;

        int opened = provider().newOpener(KEY_A_5).open(NONCE_A_5, packet, GUARD, AAD_A_5.length, bodyOffset,
                CIPHERTEXT_A_5.length + 16);

        assertThat(opened).isEqualTo(265);
        assertThat(new String(packet, bodyOffset, opened, StandardCharsets.UTF_8)).isEqualTo(PLAINTEXT_A_5);
    }

    @Test
    void theAppendixA5VectorWithItsLastTagBitFlippedIsRefused() {
        byte[] body = concat(CIPHERTEXT_A_5, TAG_A_5);
        body[body.length - 1] ^= (byte) 0x80;
        byte[] packet = datagram(AAD_A_5, body);

        int opened = provider().newOpener(KEY_A_5).open(NONCE_A_5, packet, GUARD, AAD_A_5.length,
                GUARD + AAD_A_5.length, body.length);

        assertThat(opened).isEqualTo(PacketOpener.FAILED);
    }

    @Test
    void oneSealerSealsSuccessivePacketsUnderTheirOwnNonces() {
        // the vector sealed after an unrelated packet: per-packet restart must leave no state behind
        var sealer = provider().newSealer(KEY_2_8_2);
        byte[] first = new byte[64 + 16];
        sealer.seal(HEX.parseHex("000000000000000000000001"), first, 0, 0, 0, 64);
        byte[] packet = datagram(AAD_2_8_2, PLAINTEXT_2_8_2);

        sealer.seal(NONCE_2_8_2, packet, GUARD, AAD_2_8_2.length, GUARD + AAD_2_8_2.length, PLAINTEXT_2_8_2.length);

        int tagOffset = GUARD + AAD_2_8_2.length + PLAINTEXT_2_8_2.length;
        assertThat(Arrays.copyOfRange(packet, tagOffset, tagOffset + 16)).isEqualTo(TAG_2_8_2);
    }

    /** [guard][aad][body][16 bytes of tag room][guard]. */
    private static byte[] datagram(byte[] aad, byte[] body) {
        byte[] packet = new byte[GUARD + aad.length + body.length + 16 + GUARD];
        Arrays.fill(packet, GUARD_BYTE);
        System.arraycopy(aad, 0, packet, GUARD, aad.length);
        System.arraycopy(body, 0, packet, GUARD + aad.length, body.length);
        return packet;
    }

    private static void assertGuardsIntact(byte[] packet) {
        for (int i = 0; i < GUARD; i++) {
            assertThat(packet[i]).as("byte %d before the AAD", i).isEqualTo(GUARD_BYTE);
            assertThat(packet[packet.length - 1 - i]).as("byte %d from the end", i).isEqualTo(GUARD_BYTE);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
