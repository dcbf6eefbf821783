package io.uxp.runtime.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed handshake seeds still reach past the handshake: a seed that stops doing so (after a change of the
 * wire format) would leave the fuzzer at the first parser. When this fails, regenerate the corpus with
 * {@code ./mvnw -o -pl uxp-fuzz test -Dtest=SeedCorpusWriter -Duxp.fuzz.writeSeeds=true} (see README.md).
 */
class SeedsReachTest {

    private static final Path RESOURCES = Path.of("src", "test", "resources", "io", "uxp", "runtime", "handshake");

    @Test
    void everyServerHelloSeedEstablishesTheRigClientAndTheRetrySeedMakesItSendItsCookie() throws IOException {
        Path dir = RESOURCES.resolve("ServerReplyFuzzTestInputs/anyServerReplyIsHandledOrIgnored");
        for (String name : new String[] {"server-hello-unauthenticated", "server-hello-pinned-key", "server-hello-psk",
            "server-hello-pinned-key-and-psk", "server-hello-fec", "retry"}) {
            byte[] seed = Files.readAllBytes(dir.resolve(name));
            int selector = seed[0] & 0xFF;
            ClientHandshake client = HandshakeRig.client(selector % HandshakeRig.MODES, (selector & 0x80) != 0);
            client.start(HandshakeRig.NOW);
            ClientHandshake.Step expected = name.equals("retry") ? ClientHandshake.Step.SEND
                    : ClientHandshake.Step.ESTABLISHED;
            assertThat(client.onDatagram(seed, 1, seed.length - 1, HandshakeRig.NOW + 1)).as(name).isEqualTo(expected);
        }
    }

    @Test
    void everyConnectionSeedEstablishesAConnectionOnBothSides() throws IOException {
        Path dir = RESOURCES.resolve("ServerDispatchFuzzTestInputs/anyDatagramSequenceIsDispatchedWithinLimits");
        for (String name : new String[] {"connection-unauthenticated", "connection-pinned-key", "connection-psk",
            "connection-pinned-key-and-psk", "connection-fec", "cookie-round-trip", "nat-rebinding"}) {
            ServerDispatchFuzzTest harness = new ServerDispatchFuzzTest();
            harness.anyDatagramSequenceIsDispatchedWithinLimits(Files.readAllBytes(dir.resolve(name)));
            assertThat(harness.established()).as(name).isEqualTo(1);
            assertThat(harness.clientEstablished()).as(name).isTrue();
        }
    }
}
