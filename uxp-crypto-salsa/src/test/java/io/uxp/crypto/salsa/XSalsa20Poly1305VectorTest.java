package io.uxp.crypto.salsa;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.spi.PacketOpener;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Published NaCl secretbox vectors: with empty associated data a sealed body is byte for byte
 * {@code crypto_secretbox} output (tag, then ciphertext), sealed and opened in place.
 */
class XSalsa20Poly1305VectorTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final XSalsa20Poly1305Provider PROVIDER = new XSalsa20Poly1305Provider();

    // NaCl tests/secretbox.c ("firstkey", "nonce", the 131-byte "m" and the expected "c" after its 16 zero bytes)
    static final byte[] FIRST_KEY = HEX.parseHex("1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389");
    static final byte[] NACL_NONCE = HEX.parseHex("69696ee955b62b73cd62bda875fc73d68219e0036b7a0b37");
    static final byte[] NACL_MESSAGE = HEX.parseHex(
            "be075fc53c81f2d5cf141316ebeb0c7b5228c52a4c62cbd44b66849b64244ffc"
            + "e5ecbaaf33bd751a1ac728d45e6c61296cdc3c01233561f41db66cce314adb31"
            + "0e3be8250c46f06dceea3a7fa1348057e2f6556ad6b1318a024a838f21af1fde"
            + "048977eb48f59ffd4924ca1c60902e52f0a089bc76897040e082f93776384864"
            + "5e0705");
    static final byte[] NACL_BOX = HEX.parseHex(
            "f3ffc7703f9400e52a7dfb4b3d3305d98e993b9f48681273c29650ba32fc76ce"
            + "48332ea7164d96a4476fb8c531a1186ac0dfc17c98dce87b4da7f011ec48c972"
            + "71d2c20f9b928fe2270d6fb863d51738b48eeee314a7cc8ab932164548e526ae"
            + "90224368517acfeabd6bb3732bc0e9da99832b61ca01b6de56244a9e88d5f9b3"
            + "7973f622a43d14a6599b1f654cb45a74e355a5");

    // golang.org/x/crypto nacl/secretbox TestSecretBox: key of 0x01, nonce of 0x02, 64 bytes of 0x03,
    // "expected was generated using the C implementation of NaCl"
    private static final byte[] GO_BOX = HEX.parseHex(
            "8442bc313f4626f1359e3b50122b6ce6fe66ddfe7d39d14e637eb4fd5b45bead"
            + "ab55198df6ab5368439792a23c87db70acb6156dc5ef957ac04f6276cf6093b8"
            + "4be77ff0849cc33e34b7254d5a8f65ad");

    // sodium_sys (Rust libsodium binding) secretbox tests: zero key, zero nonce, "test" -> tag || ciphertext
    private static final byte[] SODIUM_TEST_BOX = {
        (byte) 175, (byte) 153, (byte) 180, (byte) 147, (byte) 246, 123, (byte) 253, 41,
        (byte) 159, (byte) 169, 32, 114, 64, (byte) 251, (byte) 167, (byte) 179,
        (byte) 178, 91, (byte) 200, (byte) 139};

    private static final int GUARD = 9;
    private static final byte GUARD_BYTE = (byte) 0xC3;

    @Test
    void sealingTheNaClMessageWithoutAadProducesNaClsSecretboxBytes() {
        byte[] packet = datagram(NACL_MESSAGE);

        int sealed = PROVIDER.newSealer(FIRST_KEY).seal(NACL_NONCE, packet, GUARD, 0, GUARD, NACL_MESSAGE.length);

        assertThat(sealed).isEqualTo(NACL_BOX.length);
        assertThat(Arrays.copyOfRange(packet, GUARD, GUARD + sealed)).isEqualTo(NACL_BOX);
        assertGuardsIntact(packet);
    }

    @Test
    void openingNaClsSecretboxRecoversTheMessageAfterTheTagRoom() {
        byte[] packet = new byte[GUARD + NACL_BOX.length + GUARD];
        Arrays.fill(packet, GUARD_BYTE);
        System.arraycopy(NACL_BOX, 0, packet, GUARD, NACL_BOX.length);

        int opened = PROVIDER.newOpener(FIRST_KEY).open(NACL_NONCE, packet, GUARD, 0, GUARD, NACL_BOX.length);

        assertThat(opened).isEqualTo(NACL_MESSAGE.length);
        assertThat(Arrays.copyOfRange(packet, GUARD + 16, GUARD + 16 + opened)).isEqualTo(NACL_MESSAGE);
        assertGuardsIntact(packet);
    }

    @Test
    void sealingGosSecretboxTestInputProducesItsExpectedBox() {
        byte[] key = filled(32, 1);
        byte[] nonce = filled(24, 2);
        byte[] packet = new byte[16 + 64];
        Arrays.fill(packet, 16, packet.length, (byte) 3);

        int sealed = PROVIDER.newSealer(key).seal(nonce, packet, 0, 0, 0, 64);

        assertThat(sealed).isEqualTo(GO_BOX.length);
        assertThat(packet).isEqualTo(GO_BOX);
    }

    @Test
    void sealingTestUnderTheZeroKeyAndNonceProducesLibsodiumsBox() {
        byte[] packet = new byte[16 + 4];
        System.arraycopy("test".getBytes(StandardCharsets.US_ASCII), 0, packet, 16, 4);

        PROVIDER.newSealer(new byte[32]).seal(new byte[24], packet, 0, 0, 0, 4);

        assertThat(packet).isEqualTo(SODIUM_TEST_BOX);
    }

    @Test
    void theNaClBoxWithAnyByteChangedIsRefused() {
        for (int i = 0; i < NACL_BOX.length; i++) {
            byte[] box = NACL_BOX.clone();
            box[i] ^= 0x20;
            assertThat(PROVIDER.newOpener(FIRST_KEY).open(NACL_NONCE, box, 0, 0, 0, box.length))
                    .as("byte %d changed", i).isEqualTo(PacketOpener.FAILED);
        }
    }

    /** [guard][16 bytes of tag room][plaintext][guard]; the AAD is empty. */
    private static byte[] datagram(byte[] plaintext) {
        byte[] packet = new byte[GUARD + 16 + plaintext.length + GUARD];
        Arrays.fill(packet, GUARD_BYTE);
        System.arraycopy(plaintext, 0, packet, GUARD + 16, plaintext.length);
        return packet;
    }

    private static void assertGuardsIntact(byte[] packet) {
        for (int i = 0; i < GUARD; i++) {
            assertThat(packet[i]).isEqualTo(GUARD_BYTE);
            assertThat(packet[packet.length - 1 - i]).isEqualTo(GUARD_BYTE);
        }
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
