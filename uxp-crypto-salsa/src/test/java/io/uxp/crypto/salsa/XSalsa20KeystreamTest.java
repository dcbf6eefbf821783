package io.uxp.crypto.salsa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
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

    private static byte[] keystream(Salsa20Engine engine, int length) {
        byte[] out = new byte[length];
        engine.processBytes(new byte[length], 0, length, out, 0);
        return out;
    }
}
