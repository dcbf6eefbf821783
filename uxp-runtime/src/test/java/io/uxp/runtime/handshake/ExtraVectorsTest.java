package io.uxp.runtime.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The further vectors of docs/PROTOCOL.md section 14 (modes, xsalsa20-poly1305 with FEC, Retry), read from the
 * document: each is reproduced by this implementation from the document's inputs, and their structure and the
 * cookie and transcript of the Retry round are recomputed independently with the JDK.
 */
class ExtraVectorsTest {

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
    void theImplementationReproducesEveryFurtherVectorOfTheDocument() {
        Map<String, byte[]> produced = ExtraVectorScenario.run(doc);
        assertThat(produced).hasSizeGreaterThan(20);
        for (var e : produced.entrySet()) {
            assertThat(HexFormat.of().formatHex(v(e.getKey()))).as("vector %s", e.getKey())
                    .isEqualTo(HexFormat.of().formatHex(e.getValue()));
        }
    }

    @Test
    void theOtherModesChangeOnlyTheFlagsOfTheClientHello() {
        byte[] main = v("client-hello");
        for (var mode : Map.of("psk", (byte) 0x02, "unauth", (byte) 0x00).entrySet()) {
            byte[] hello = v(mode.getKey() + "-client-hello");
            assertThat(hello[75]).isEqualTo(mode.getValue());
            byte[] expected = main.clone();
            expected[75] = mode.getValue();
            assertThat(hello).isEqualTo(expected);
        }
    }

    @Test
    void theRetryCarriesTheCookieTheServerComputesAndTheSecondHelloHoldsIt() throws Exception {
        byte[] retry = v("retry");
        assertThat(retry).hasSize(28);
        assertThat(Arrays.copyOfRange(retry, 3, 11)).isEqualTo(v("client-connection-id"));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(v("cookie-secret"), "HmacSHA256"));
        mac.update(InetAddress.getByName("127.0.0.1").getAddress());
        mac.update(new byte[] {(byte) (40000 >>> 8), (byte) 40000});
        mac.update(new byte[8]); // slot 0: the vectors run at time 0
        byte[] cookie = Arrays.copyOf(mac.doFinal(), 16);
        assertThat(Arrays.copyOfRange(retry, 12, 28)).isEqualTo(cookie);

        byte[] first = v("client-hello");
        byte[] second = v("retry-client-hello");
        assertThat(second).hasSize(1_200);
        assertThat(Arrays.copyOf(second, 76)).isEqualTo(Arrays.copyOf(first, 76));
        assertThat(second[76]).isEqualTo((byte) 16);
        assertThat(Arrays.copyOfRange(second, 77, 93)).isEqualTo(cookie);
        // the offers follow unchanged, and the padding is 16 bytes shorter: 1050 - 16 = 1034 = 0x040a
        assertThat(Arrays.copyOfRange(second, 93, 93 + 148 - 76)).isEqualTo(Arrays.copyOfRange(first, 77, 149));
        assertThat(Arrays.copyOfRange(second, 148 + 16, 150 + 16)).isEqualTo(new byte[] {0x04, 0x0a});
    }

    @Test
    void theTranscriptAfterARetryHashesTheHelloWithTheCookie() throws Exception {
        byte[] sh = v("retry-server-hello");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(v("retry-client-hello"));
        sha.update(sh, 0, sh.length - 32);
        assertThat(sha.digest()).isEqualTo(v("retry-transcript-hash"));
        // same randoms and keys as the main handshake, so only the confirmation differs
        byte[] main = v("server-hello");
        assertThat(Arrays.copyOf(sh, sh.length - 32)).isEqualTo(Arrays.copyOf(main, main.length - 32));
        assertThat(Arrays.copyOfRange(sh, sh.length - 32, sh.length))
                .isNotEqualTo(Arrays.copyOfRange(main, main.length - 32, main.length));
    }

    @Test
    void theKcpDatagramCarriesTheLow32BitsOfTheServerIdAsItsConversationLittleEndian() {
        byte[] kcp = v("xsalsa-kcp-datagram");
        byte[] serverId = v("server-connection-id");
        assertThat(Arrays.copyOf(kcp, 4)).isEqualTo(new byte[] {serverId[7], serverId[6], serverId[5], serverId[4]});
        assertThat(kcp).hasSize(24 + 2);
        byte[] shard = v("xsalsa-fec-shard");
        assertThat(Arrays.copyOf(shard, 8)).isEqualTo(new byte[] {0, 0, 0, 0, (byte) 0xF1, 0, 26, 0});
        assertThat(Arrays.copyOfRange(shard, 8, shard.length)).isEqualTo(kcp);
        byte[] record = v("xsalsa-fec-record");
        // header 17 + tag 16 (first, xsalsa) + DATA header 3 + shard
        assertThat(record).hasSize(17 + 16 + 3 + shard.length);
        assertThat(Arrays.copyOfRange(record, 9, 17)).isEqualTo(new byte[] {0, 0, 0, 0, 0, 0, 0, 1});
    }

    @Test
    void serverToClientRecordsCarryTheClientsConnectionId() {
        byte[] record = v("xsalsa-s2c-record");
        assertThat(record[0]).isEqualTo((byte) 0x10);
        assertThat(Arrays.copyOfRange(record, 1, 9)).isEqualTo(v("client-connection-id"));
        assertThat(record).hasSize(17 + 16 + v("xsalsa-s2c-plaintext").length);
    }
}
