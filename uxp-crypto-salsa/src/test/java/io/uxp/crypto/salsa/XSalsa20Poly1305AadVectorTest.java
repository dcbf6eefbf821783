package io.uxp.crypto.salsa;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.spi.PacketOpener;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The AAD mode of docs/CIPHERS.md against bytes from an independent implementation:
 * {@code src/test/python/xsalsa20poly1305_reference.py}, plain Python written from the Salsa20, XSalsa20
 * and RFC 8439 texts, which first reproduces NaCl's published secretbox vector and then prints these.
 */
class XSalsa20Poly1305AadVectorTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final XSalsa20Poly1305Provider PROVIDER = new XSalsa20Poly1305Provider();

    private static final byte[] AAD = HEX.parseHex("01a1a2a3a4a5a6a7a800000000");
    private static final byte[] PLAINTEXT = HEX.parseHex(
            "5558502062696e64732069747320636c6561727465787420686561646572206173204141442e2e2e");
    private static final byte[] SEALED = HEX.parseHex(
            "d1707e97eb9b022c3a9f703dd3e2cc6d65c6347a16808ec27ea22ad8aa3719d97f7a99f93f572950646c5d3a30f777f7"
            + "56133a92ef4fb34f");
    private static final byte[] SEALED_EMPTY_PLAINTEXT = HEX.parseHex("31adec333fb010930f50a3e0d6c5edde");

    @Test
    void sealingWithAHeaderAsAadProducesTheReferenceTagAndCiphertext() {
        byte[] packet = new byte[AAD.length + 16 + PLAINTEXT.length];
        System.arraycopy(AAD, 0, packet, 0, AAD.length);
        System.arraycopy(PLAINTEXT, 0, packet, AAD.length + 16, PLAINTEXT.length);

        int sealed = PROVIDER.newSealer(XSalsa20Poly1305VectorTest.FIRST_KEY).seal(
                XSalsa20Poly1305VectorTest.NACL_NONCE, packet, 0, AAD.length, AAD.length, PLAINTEXT.length);

        assertThat(Arrays.copyOfRange(packet, AAD.length, AAD.length + sealed)).isEqualTo(SEALED);
        assertThat(Arrays.copyOf(packet, AAD.length)).isEqualTo(AAD);
    }

    @Test
    void anEmptyPlaintextUnderAadSealsToTheReferenceTagAlone() {
        byte[] packet = new byte[AAD.length + 16];
        System.arraycopy(AAD, 0, packet, 0, AAD.length);

        int sealed = PROVIDER.newSealer(XSalsa20Poly1305VectorTest.FIRST_KEY).seal(
                XSalsa20Poly1305VectorTest.NACL_NONCE, packet, 0, AAD.length, AAD.length, 0);

        assertThat(sealed).isEqualTo(16);
        assertThat(Arrays.copyOfRange(packet, AAD.length, packet.length)).isEqualTo(SEALED_EMPTY_PLAINTEXT);
    }

    @Test
    void theAadModeEncryptsExactlyAsSecretboxAndDiffersOnlyInTheTag() {
        // same key, nonce and plaintext: the ciphertexts agree, the tags do not
        byte[] withAad = new byte[AAD.length + 16 + PLAINTEXT.length];
        System.arraycopy(AAD, 0, withAad, 0, AAD.length);
        System.arraycopy(PLAINTEXT, 0, withAad, AAD.length + 16, PLAINTEXT.length);
        byte[] without = Arrays.copyOfRange(withAad, AAD.length, withAad.length);

        PROVIDER.newSealer(XSalsa20Poly1305VectorTest.FIRST_KEY).seal(XSalsa20Poly1305VectorTest.NACL_NONCE,
                withAad, 0, AAD.length, AAD.length, PLAINTEXT.length);
        PROVIDER.newSealer(XSalsa20Poly1305VectorTest.FIRST_KEY).seal(XSalsa20Poly1305VectorTest.NACL_NONCE,
                without, 0, 0, 0, PLAINTEXT.length);

        assertThat(Arrays.copyOfRange(withAad, AAD.length + 16, withAad.length))
                .isEqualTo(Arrays.copyOfRange(without, 16, without.length));
        assertThat(Arrays.copyOfRange(withAad, AAD.length, AAD.length + 16))
                .isNotEqualTo(Arrays.copyOf(without, 16));
    }

    @Test
    void theReferencePacketOpensOnlyWithItsOwnAad() {
        byte[] packet = new byte[AAD.length + SEALED.length];
        System.arraycopy(AAD, 0, packet, 0, AAD.length);
        System.arraycopy(SEALED, 0, packet, AAD.length, SEALED.length);
        PacketOpener opener = PROVIDER.newOpener(XSalsa20Poly1305VectorTest.FIRST_KEY);

        // read as secretbox, with the header outside the AAD, the tag does not verify
        assertThat(opener.open(XSalsa20Poly1305VectorTest.NACL_NONCE, packet.clone(), 0, 0, AAD.length,
                SEALED.length)).isEqualTo(PacketOpener.FAILED);
        int opened = opener.open(XSalsa20Poly1305VectorTest.NACL_NONCE, packet, 0, AAD.length, AAD.length,
                SEALED.length);

        assertThat(opened).isEqualTo(PLAINTEXT.length);
        assertThat(Arrays.copyOfRange(packet, AAD.length + 16, packet.length)).isEqualTo(PLAINTEXT);
    }
}
