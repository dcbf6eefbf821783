package io.uxp.crypto.salsa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Arrays;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/** The allocation-free XSalsa20 restart gives the same keystream as the published values and as Bouncy Castle. */
class XSalsa20KeystreamTest {

    private static final HexFormat HEX = HexFormat.of();

    @Example
    void theFirst32KeystreamBytesOfTheNaClVectorAreItsPublishedPoly1305Key() {
        // NaCl tests/onetimeauth.c authenticates the secretbox ciphertext under this key ("rs"):
        // it is the first 32 bytes of XSalsa20(firstkey, nonce)
        XSalsa20Keystream keystream = new XSalsa20Keystream(XSalsa20Poly1305VectorTest.FIRST_KEY);

        keystream.restart(XSalsa20Poly1305VectorTest.NACL_NONCE);

        assertThat(keystream(keystream, 32)).isEqualTo(
                HEX.parseHex("eea6a7251c1e72916d11c2cb214d3c252539121d8e234e652d651fa4c8cff880"));
    }

    @Example
    void hsalsa20OfNaClsSharedSecretAndZeroNonceIsNaClsFirstKey() {
        // NaCl tests/core1.c: HSalsa20(shared, 16 zero bytes) = firstkey. So XSalsa20 under (shared, zero
        // 16 bytes || n) must equal plain Salsa20 under (firstkey, n).
        byte[] shared = HEX.parseHex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        byte[] tail = HEX.parseHex("0102030405060708");
        byte[] nonce = new byte[24];
        System.arraycopy(tail, 0, nonce, 16, 8);
        XSalsa20Keystream keystream = new XSalsa20Keystream(shared);
        Salsa20Engine salsa = new Salsa20Engine();
        salsa.init(true, new ParametersWithIV(new KeyParameter(XSalsa20Poly1305VectorTest.FIRST_KEY), tail));

        keystream.restart(nonce);

        assertThat(keystream(keystream, 200)).isEqualTo(keystream(salsa, 200));
    }

    @Property(tries = 200)
    void everyRestartMatchesBouncyCastlesXSalsa20Engine(@ForAll @Size(value = 32) byte[] key,
            @ForAll @Size(value = 24) byte[] firstNonce, @ForAll @Size(value = 24) byte[] secondNonce,
            @ForAll @IntRange(min = 1, max = 300) int length) {
        XSalsa20Keystream keystream = new XSalsa20Keystream(key);
        keystream.restart(firstNonce);
        keystream(keystream, length);

        keystream.restart(secondNonce);

        XSalsa20Engine reference = new XSalsa20Engine();
        reference.init(true, new ParametersWithIV(new KeyParameter(key), secondNonce));
        assertThat(keystream(keystream, length)).isEqualTo(keystream(reference, length));
    }

    @Property(tries = 300)
    void aStartedPacketHasTheFirst32KeystreamBytesAsPolyKeyAndXorsTheBodyFromByte32(
            @ForAll @Size(value = 32) byte[] key, @ForAll @Size(value = 24) byte[] firstNonce,
            @ForAll @Size(value = 24) byte[] nonce, @ForAll @IntRange(min = 0, max = 5_000) int length,
            @ForAll @IntRange(min = 0, max = 7) int offset) {
        XSalsa20Keystream keystream = new XSalsa20Keystream(key);
        keystream.startPacket(firstNonce, new byte[32]);
        keystream.xorBody(new byte[length], 0, length);

        byte[] polyKey = new byte[32];
        keystream.startPacket(nonce, polyKey);
        byte[] buffer = new byte[offset + length + 3];
        keystream.xorBody(buffer, offset, length);

        XSalsa20Engine reference = new XSalsa20Engine();
        reference.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        byte[] stream = keystream(reference, 32 + length);
        assertThat(polyKey).isEqualTo(Arrays.copyOf(stream, 32));
        byte[] expected = new byte[buffer.length];
        System.arraycopy(stream, 32, expected, offset, length);
        assertThat(buffer).isEqualTo(expected); // and nothing outside the body changed
    }

    /** Where the body's XOR changes path: inside block 0, the lanes' minimum, a full lane pass, two passes. */
    @Example
    void theBodyMatchesTheReferenceAtEveryPathBoundary() {
        byte[] key = new byte[32];
        byte[] nonce = new byte[24];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (5 * i + 3);
        }
        nonce[23] = 0x11;
        int lanes = SalsaLanes.MAX_LANES * 64;
        for (int length : new int[] {1, 31, 32, 33, 32 + 3 * 64, 32 + 4 * 64 - 1, 32 + 4 * 64, 1_370,
            32 + lanes - 1, 32 + lanes, 32 + lanes + 1, 32 + lanes + 4 * 64, 32 + 2 * lanes + 100}) {
            XSalsa20Keystream keystream = new XSalsa20Keystream(key);
            keystream.startPacket(nonce, new byte[32]);
            byte[] body = new byte[length];
            keystream.xorBody(body, 0, length);

            XSalsa20Engine reference = new XSalsa20Engine();
            reference.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
            byte[] stream = keystream(reference, 32 + length);
            assertThat(body).as("a body of %d bytes", length).isEqualTo(Arrays.copyOfRange(stream, 32, stream.length));
        }
    }

    private static byte[] keystream(Salsa20Engine engine, int length) {
        byte[] out = new byte[length];
        engine.processBytes(new byte[length], 0, length, out, 0);
        return out;
    }
}
