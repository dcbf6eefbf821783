package io.uxp.crypto.chacha;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.crypto.engines.ChaCha7539Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * The keystream on Bouncy Castle's block function gives RFC 8439's vectors and Bouncy Castle's own ChaCha20 stream,
 * at any offset and length, whatever came before the restart, with either kind of {@link Lanes} (a subclass each).
 */
abstract class ChaChaKeystreamTest {

    private static final HexFormat HEX = HexFormat.of();

    /** @return the lanes under test */
    abstract Lanes lanes();

    private ChaChaKeystream newKeystream(byte[] key) {
        return new ChaChaKeystream(key, lanes());
    }

    @Example
    void block0AfterARestartIsThePoly1305KeyOfSection262() {
        ChaChaKeystream keystream = newKeystream(
                HEX.parseHex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"));
        keystream.restart(HEX.parseHex("0badc0de0badc0de0badc0de"));
        keystream(keystream, 100);

        keystream.restart(HEX.parseHex("000000000001020304050607"));
        byte[] polyKey = new byte[32];
        keystream.poly1305Key(polyKey);

        assertThat(polyKey).isEqualTo(
                HEX.parseHex("8ad5a08b905f81cc815040274ab29471a833b637e3fd0da508dbb8e2fdd1a646"));
    }

    @Example
    void theKeystreamFromBlock1EncryptsTheSection242Sunscreen() {
        ChaChaKeystream keystream = newKeystream(
                HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));
        byte[] text = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, "
                + "sunscreen would be it.").getBytes(StandardCharsets.US_ASCII);

        keystream.restart(HEX.parseHex("000000000000004a00000000"));
        keystream.poly1305Key(new byte[32]); // block 0; encryption starts at block 1 (section 2.4.2)
        keystream.xor(text, 0, text.length);

        assertThat(text).isEqualTo(HEX.parseHex(
                "6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b"
                + "f91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d8"
                + "07ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab7793736"
                + "5af90bbf74a35be6b40b8eedf2785e42874d"));
    }

    /**
     * The lengths where the keystream changes path: below and at the lanes' minimums, one lane pass of a 1,400-byte
     * packet, a full pass, a pass and a scalar rest, two passes (of 32 blocks for the SuperWord lanes, of 8 for the
     * vector lanes); two calls in a row go on from the block after the first call's last.
     */
    @Example
    void theLanePathMatchesTheReferenceAtEveryBoundaryAndConsecutiveCallsFollowOn() {
        byte[] key = new byte[32];
        byte[] nonce = new byte[12];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (7 * i + 1);
        }
        nonce[11] = 0x4a;
        int lanes = ChaChaLanes.MAX_LANES * 64;
        int[] lengths = {1, 63, 64, 65, 127, 128, 129, 191, 192, 255, 256, 257, 511, 512, 513, 1_023, 1_024, 1_025,
            1_371, lanes - 1, lanes, lanes + 1, lanes + 255, lanes + 256, 2 * lanes + 100};
        for (int length : lengths) {
            for (int second : new int[] {1, 64, 300, lanes + 7}) {
                ChaChaKeystream keystream = newKeystream(key);
                keystream.restart(nonce);
                byte[] first = new byte[length];
                keystream.xor(first, 0, length);
                byte[] next = new byte[second];
                keystream.xor(next, 0, second);

                int blocks = (length + 63) / 64;
                byte[] expected = new byte[blocks * 64 + second];
                ChaCha7539Engine reference = new ChaCha7539Engine();
                reference.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
                reference.processBytes(new byte[expected.length], 0, expected.length, expected, 0);
                assertThat(first).as("first call of %d bytes", length)
                        .isEqualTo(Arrays.copyOfRange(expected, 0, length));
                assertThat(next).as("second call of %d bytes after %d", second, length)
                        .isEqualTo(Arrays.copyOfRange(expected, blocks * 64, expected.length));
            }
        }
    }

    @Property(tries = 200)
    void everyRestartMatchesAFreshlyInitialisedBouncyCastleEngine(@ForAll @Size(value = 32) byte[] key,
            @ForAll @Size(value = 12) byte[] firstNonce, @ForAll @Size(value = 12) byte[] secondNonce,
            @ForAll @IntRange(min = 1, max = 5_000) int length, @ForAll @IntRange(min = 0, max = 7) int offset) {
        ChaChaKeystream keystream = newKeystream(key);
        keystream.restart(firstNonce);
        keystream(keystream, length);

        keystream.restart(secondNonce);

        byte[] buffer = new byte[offset + length + 3];
        keystream.xor(buffer, offset, length);

        ChaCha7539Engine reference = new ChaCha7539Engine();
        reference.init(true, new ParametersWithIV(new KeyParameter(key), secondNonce));
        byte[] expected = new byte[buffer.length];
        reference.processBytes(new byte[length], 0, length, expected, offset);
        assertThat(buffer).isEqualTo(expected); // and nothing outside the region changed
    }

    @Property(tries = 100)
    void xorTwiceRestoresTheTextAndTheSecondBlockFollowsTheFirst(@ForAll @Size(value = 32) byte[] key,
            @ForAll @Size(value = 12) byte[] nonce, @ForAll @Size(min = 1, max = 5_000) byte[] text) {
        ChaChaKeystream keystream = newKeystream(key);
        byte[] buffer = text.clone();
        keystream.restart(nonce);
        keystream.poly1305Key(new byte[32]);
        keystream.xor(buffer, 0, buffer.length);

        ChaCha7539Engine reference = new ChaCha7539Engine();
        reference.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        byte[] expected = new byte[64 + text.length];
        byte[] padded = new byte[expected.length];
        System.arraycopy(text, 0, padded, 64, text.length);
        reference.processBytes(padded, 0, padded.length, expected, 0);
        assertThat(buffer).isEqualTo(Arrays.copyOfRange(expected, 64, expected.length));

        keystream.restart(nonce);
        keystream.poly1305Key(new byte[32]);
        keystream.xor(buffer, 0, buffer.length);
        assertThat(buffer).isEqualTo(text);
    }

    private static byte[] keystream(ChaChaKeystream keystream, int length) {
        byte[] out = new byte[length];
        keystream.xor(out, 0, length);
        return out;
    }
}
