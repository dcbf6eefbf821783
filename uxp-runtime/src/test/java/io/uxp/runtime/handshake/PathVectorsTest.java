package io.uxp.runtime.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.spi.CipherProvider;
import io.uxp.api.spi.ProviderRegistry;
import io.uxp.runtime.KeyUpdatePolicy;
import io.uxp.runtime.record.Frames;
import io.uxp.runtime.record.RecordProtector;
import io.uxp.runtime.record.RecordUnprotector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The path validation vectors of docs/PROTOCOL.md section 14: the two frames' plaintexts, the server's
 * PATH_CHALLENGE record (server-to-client, packet number 0) and the client's PATH_RESPONSE record
 * (client-to-server, packet number 1, after the document's first record), each checked against this
 * implementation and against the JDK's own ChaCha20-Poly1305.
 */
class PathVectorsTest {

    private static final ProviderRegistry REGISTRY = ProviderRegistry.load();
    private static Map<String, byte[]> doc;

    @BeforeAll
    static void readTheDocument() throws Exception {
        doc = ProtocolVectors.read(ProtocolVectors.document());
    }

    private static byte[] v(String name) {
        assertThat(doc).as("vector %s in PROTOCOL.md", name).containsKey(name);
        return doc.get(name);
    }

    private static long challengeData() {
        return ByteBuffer.wrap(v("path-challenge-data")).getLong();
    }

    private static byte[] plaintext(int type) {
        byte[] b = new byte[Frames.PATH_FRAME_BYTES];
        Frames.writePath(b, 0, type, challengeData());
        return b;
    }

    /** Seals {@code plaintext} as the {@code index}-th record (0-based) of a direction with generation-0 secret. */
    private static byte[] seal(byte[] secret, long destination, int index, byte[] plaintext) {
        CipherProvider cipher = REGISTRY.cipher("chacha20-poly1305");
        RecordProtector p = new RecordProtector(cipher, secret, destination, KeyUpdatePolicy.defaults(), 0);
        byte[] buf = new byte[128];
        int n = 0;
        for (int i = 0; i <= index; i++) {
            System.arraycopy(plaintext, 0, buf, p.payloadOffset(0), plaintext.length);
            n = p.seal(buf, 0, plaintext.length, 0);
        }
        return Arrays.copyOf(buf, n);
    }

    @Test
    void theFramesArePrintedAsTheImplementationWritesThem() {
        assertThat(hex(v("path-challenge-plaintext"))).isEqualTo(hex(plaintext(Frames.PATH_CHALLENGE)));
        assertThat(hex(v("path-response-plaintext"))).isEqualTo(hex(plaintext(Frames.PATH_RESPONSE)));
    }

    @Test
    void theRecordsAreSealedAsTheImplementationSealsThem() {
        long client = ByteBuffer.wrap(v("client-connection-id")).getLong();
        long server = ByteBuffer.wrap(v("server-connection-id")).getLong();
        assertThat(hex(v("path-challenge-record")))
                .isEqualTo(hex(seal(v("s2c-secret-0"), client, 0, v("path-challenge-plaintext"))));
        assertThat(hex(v("path-response-record")))
                .isEqualTo(hex(seal(v("c2s-secret-0"), server, 1, v("path-response-plaintext"))));
    }

    @Test
    void theRecordsOpenToTheFramesWithTheChallengeData() {
        CipherProvider cipher = REGISTRY.cipher("chacha20-poly1305");
        long client = ByteBuffer.wrap(v("client-connection-id")).getLong();
        RecordUnprotector atClient = new RecordUnprotector(cipher, v("s2c-secret-0"), client,
                KeyUpdatePolicy.defaults());
        byte[] record = v("path-challenge-record");
        int n = atClient.open(record, 0, record.length, 0);
        List<Long> challenges = new ArrayList<>();
        assertThat(Frames.read(record, atClient.payloadOffset(0), n, new Frames.Handler() {
            @Override
            public void onData(byte[] buffer, int offset, int length) {
            }

            @Override
            public void onKeepalive() {
            }

            @Override
            public void onClose(int code, String detail) {
            }

            @Override
            public void onPathChallenge(long data) {
                challenges.add(data);
            }
        })).isTrue();
        assertThat(challenges).containsExactly(challengeData());
    }

    @Test
    void theJdksChaCha20Poly1305SealsBothRecordsToTheSameBytes() throws Exception {
        checkWithJdk(v("path-challenge-record"), v("s2c-key-0"), v("s2c-iv-0"), 0, v("path-challenge-plaintext"));
        checkWithJdk(v("path-response-record"), v("c2s-key-0"), v("c2s-iv-0"), 1, v("path-response-plaintext"));
    }

    private static void checkWithJdk(byte[] record, byte[] key, byte[] iv, long packetNumber, byte[] plaintext)
            throws Exception {
        byte[] header = Arrays.copyOf(record, 17);
        assertThat(ByteBuffer.wrap(header, 9, 8).getLong()).isEqualTo(packetNumber);
        byte[] nonce = iv.clone();
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (packetNumber >>> (8 * i));
        }
        Cipher aead = Cipher.getInstance("ChaCha20-Poly1305");
        aead.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
        aead.updateAAD(header);
        assertThat(Arrays.copyOfRange(record, 17, record.length)).isEqualTo(aead.doFinal(plaintext));
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
