package io.uxp.runtime.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The test vectors of docs/PROTOCOL.md section 14, read from the document. Each output is checked against this
 * implementation run from the document's inputs, and against an independent computation with the JDK's own
 * X25519, SHA-256, HMAC-SHA256 and ChaCha20-Poly1305.
 */
class ProtocolVectorsTest {

    private static Map<String, byte[]> doc;

    @BeforeAll
    static void readTheDocument() throws Exception {
        doc = ProtocolVectors.read(ProtocolVectors.document());
    }

    private static byte[] v(String name) {
        assertThat(doc).as("vector %s in PROTOCOL.md", name).containsKey(name);
        return doc.get(name);
    }

    @Test
    void theDocumentHoldsEveryVectorTheScenarioProduces() {
        Map<String, byte[]> produced = VectorScenario.run(doc);
        assertThat(doc.keySet()).containsAll(produced.keySet());
    }

    @Test
    void theImplementationReproducesEveryOutputOfTheDocument() {
        Map<String, byte[]> produced = VectorScenario.run(doc);
        for (var e : produced.entrySet()) {
            assertThat(HexFormat.of().formatHex(e.getValue())).as("vector %s", e.getKey())
                    .isEqualTo(HexFormat.of().formatHex(v(e.getKey())));
        }
    }

    @Test
    void theClientHelloIsTheSizeAndHasTheFieldsTheLayoutTableSays() {
        byte[] ch = v("client-hello");
        assertThat(ch).hasSize(1200);
        assertThat(Arrays.copyOfRange(ch, 3, 11)).isEqualTo(v("client-connection-id"));
        assertThat(Arrays.copyOfRange(ch, 43, 75)).isEqualTo(v("client-random"));
        byte[] sh = v("server-hello");
        assertThat(Arrays.copyOfRange(sh, 3, 11)).isEqualTo(v("server-connection-id"));
        assertThat(Arrays.copyOfRange(sh, 11, 19)).isEqualTo(v("client-connection-id"));
        assertThat(Arrays.copyOfRange(sh, 51, 83)).isEqualTo(v("server-random"));
        assertThat(Arrays.copyOfRange(sh, sh.length - 32, sh.length)).isEqualTo(v("confirmation"));
    }

    @Test
    void theJdksX25519AgreesWithThePublicKeysAndSharedSecrets() throws Exception {
        assertThat(Arrays.copyOfRange(v("client-hello"), 11, 43)).isEqualTo(jdkPublic(v("client-ephemeral-private")));
        assertThat(Arrays.copyOfRange(v("server-hello"), 19, 51)).isEqualTo(jdkPublic(v("server-ephemeral-private")));
        assertThat(v("server-static-public")).isEqualTo(jdkPublic(v("server-static-private")));
        assertThat(v("dh-ee")).isEqualTo(jdkX25519(v("client-ephemeral-private"), jdkPublic(v("server-ephemeral-private"))));
        assertThat(v("dh-ee")).isEqualTo(jdkX25519(v("server-ephemeral-private"), jdkPublic(v("client-ephemeral-private"))));
        assertThat(v("dh-es")).isEqualTo(jdkX25519(v("server-static-private"), jdkPublic(v("client-ephemeral-private"))));
    }

    @Test
    void theJdksHashAndHmacAgreeWithTheKeySchedule() throws Exception {
        byte[] sh = v("server-hello");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(v("client-hello"));
        sha.update(sh, 0, sh.length - 32);
        byte[] th = sha.digest();
        assertThat(th).isEqualTo(v("transcript-hash"));

        byte[] ikm = concat(v("dh-ee"), v("dh-es"), v("psk"));
        byte[] prk = hmac(th, ikm);
        assertThat(hmac(expand(prk, "uxp1 server confirm", 32), th)).isEqualTo(v("confirmation"));
        byte[] c2s = expand(prk, "uxp1 c2s", 32);
        byte[] s2c = expand(prk, "uxp1 s2c", 32);
        assertThat(c2s).isEqualTo(v("c2s-secret-0"));
        assertThat(s2c).isEqualTo(v("s2c-secret-0"));
        assertThat(expand(c2s, "uxp1 key", 32)).isEqualTo(v("c2s-key-0"));
        assertThat(expand(c2s, "uxp1 iv", 12)).isEqualTo(v("c2s-iv-0"));
        assertThat(expand(s2c, "uxp1 key", 32)).isEqualTo(v("s2c-key-0"));
        assertThat(expand(s2c, "uxp1 iv", 12)).isEqualTo(v("s2c-iv-0"));
        assertThat(expand(c2s, "uxp1 ku", 32)).isEqualTo(v("c2s-secret-1"));
    }

    @Test
    void theJdksChaCha20Poly1305SealsTheRecordToTheSameBytes() throws Exception {
        byte[] record = v("record");
        byte[] header = Arrays.copyOf(record, 17);
        assertThat(header).isEqualTo(concat(new byte[] {0x10}, v("server-connection-id"), new byte[8]));
        Cipher aead = Cipher.getInstance("ChaCha20-Poly1305");
        // packet number 0: the nonce is the nonce base itself
        aead.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(v("c2s-key-0"), "ChaCha20"), new IvParameterSpec(v("c2s-iv-0")));
        aead.updateAAD(header);
        byte[] sealed = aead.doFinal(v("record-plaintext"));
        assertThat(Arrays.copyOfRange(record, 17, record.length)).isEqualTo(sealed);
        assertThat(new String(v("record-plaintext"), 4, 5, StandardCharsets.US_ASCII)).isEqualTo("hello");
    }

    private static byte[] jdkPublic(byte[] privateKey) throws Exception {
        // X25519(k, 9): the public key is the agreement with the base point u = 9 (RFC 7748 section 6.1)
        return jdkX25519(privateKey, littleEndian(BigInteger.valueOf(9)));
    }

    private static byte[] jdkX25519(byte[] privateKey, byte[] peerPublic) throws Exception {
        KeyFactory kf = KeyFactory.getInstance("XDH");
        PrivateKey priv = kf.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, privateKey));
        byte[] be = peerPublic.clone();
        reverse(be);
        be[0] &= 0x7f; // RFC 7748 section 5: the top bit of the u-coordinate is masked
        PublicKey pub = kf.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, be)));
        KeyAgreement ka = KeyAgreement.getInstance("XDH");
        ka.init(priv);
        ka.doPhase(pub, true);
        return ka.generateSecret();
    }

    private static byte[] littleEndian(BigInteger u) {
        byte[] out = new byte[32];
        byte[] be = u.toByteArray();
        for (int i = 0; i < be.length && i < 32; i++) {
            out[i] = be[be.length - 1 - i];
        }
        return out;
    }

    private static void reverse(byte[] b) {
        for (int i = 0, j = b.length - 1; i < j; i++, j--) {
            byte t = b[i];
            b[i] = b[j];
            b[j] = t;
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    /** RFC 5869 HKDF-Expand for outputs of at most one block, which is all the schedule needs. */
    private static byte[] expand(byte[] prk, String label, int length) throws Exception {
        byte[] info = label.getBytes(StandardCharsets.US_ASCII);
        return Arrays.copyOf(hmac(prk, concat(info, new byte[] {1})), length);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
