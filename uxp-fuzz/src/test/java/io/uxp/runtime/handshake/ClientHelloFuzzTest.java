package io.uxp.runtime.handshake;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.uxp.fuzz.AllocationMeter;
import io.uxp.fuzz.Check;
import io.uxp.runtime.FecOffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fuzzes {@link ClientHello#parse}, the first parser a server runs on a stranger's datagram. A hello either parses
 * or is rejected with {@code null}; one that parses obeys every limit of docs/PROTOCOL.md and re-encodes to the
 * same bytes up to its padding; parsing allocates no more than a small multiple of the datagram.
 */
class ClientHelloFuzzTest {

    /** The parse keeps copies of the keys, the randoms and the names, and builds small lists: well under this. */
    private static final long ALLOCATION_SLACK_BYTES = 16 * 1024;

    @FuzzTest
    void anyDatagramParsesOrIsRejected(byte[] data) {
        AllocationMeter meter = AllocationMeter.start();
        ClientHello hello = ClientHello.parse(data, 0, data.length);
        meter.assertAtMost(ALLOCATION_SLACK_BYTES + 4L * data.length, "ClientHello.parse");
        if (hello == null) {
            return;
        }
        Check.that(data.length >= Wire.MIN_CLIENT_HELLO_BYTES && data.length <= Wire.MAX_HANDSHAKE_BYTES,
                "a hello of " + data.length + " bytes parsed");
        Check.that(hello.ephemeralKey().length == Wire.KEY_BYTES && hello.random().length == Wire.RANDOM_BYTES,
                "key or random of the wrong size");
        Check.that(hello.cookie().length == 0 || hello.cookie().length == Wire.COOKIE_BYTES, "odd cookie");
        checkList(hello.offers().ciphers().size(), "ciphers");
        checkList(hello.offers().fecs().size(), "fecs");
        checkList(hello.offers().congestionControls().size(), "congestion controls");
        hello.offers().ciphers().forEach(ClientHelloFuzzTest::checkName);
        hello.offers().congestionControls().forEach(ClientHelloFuzzTest::checkName);
        hello.offers().fecs().forEach(f -> checkName(f.name()));

        byte[] again = hello.encode();
        int body = bodyLength(hello);
        Check.that(Arrays.equals(data, 0, body, again, 0, body), "the re-encoded hello differs before its padding");
        ClientHello reparsed = ClientHello.parse(again, 0, again.length);
        Check.that(reparsed != null && reparsed.offers().equals(hello.offers())
                && reparsed.connectionId() == hello.connectionId() && reparsed.flags() == hello.flags()
                && Arrays.equals(reparsed.cookie(), hello.cookie()), "the re-encoded hello does not round-trip");
    }

    private static void checkList(int size, String what) {
        Check.that(size >= 1 && size <= Wire.MAX_OFFERS, size + " " + what + " parsed");
    }

    private static void checkName(String name) {
        Check.that(io.uxp.runtime.ProviderPreferences.validName(name), "invalid name parsed: " + name);
    }

    /** @return the hello's length without its padding field and padding */
    private static int bodyLength(ClientHello hello) {
        int n = Wire.CLIENT_HELLO_FIXED_BYTES + hello.cookie().length + 3;
        for (String c : hello.offers().ciphers()) {
            n += 1 + c.getBytes(StandardCharsets.US_ASCII).length;
        }
        for (FecOffer f : hello.offers().fecs()) {
            n += 1 + f.name().length() + 2;
        }
        for (String c : hello.offers().congestionControls()) {
            n += 1 + c.length();
        }
        return n;
    }

    /** Real hellos: each authentication mode and FEC preference, and one carrying the cookie of a Retry. */
    static Map<String, byte[]> seeds() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        String[] modes = {"unauthenticated", "pinned-key", "psk", "pinned-key-and-psk"};
        for (int mode = 0; mode < HandshakeRig.MODES; mode++) {
            seeds.put("hello-" + modes[mode], HandshakeRig.client(mode, false).start(HandshakeRig.NOW));
        }
        seeds.put("hello-fec-first", HandshakeRig.client(0, true).start(HandshakeRig.NOW));
        ClientHandshake client = HandshakeRig.client(0, false);
        byte[] hello = client.start(HandshakeRig.NOW);
        ServerHandshake server = HandshakeRig.server(0, false, true);
        server.onDatagram(HandshakeRig.CLIENT, hello, 0, hello.length, HandshakeRig.NOW);
        byte[] retry = server.reply();
        client.onDatagram(retry, 0, retry.length, HandshakeRig.NOW);
        seeds.put("hello-with-cookie", client.outgoing());
        return seeds;
    }
}
