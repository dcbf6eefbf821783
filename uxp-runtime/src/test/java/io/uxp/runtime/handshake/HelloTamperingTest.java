package io.uxp.runtime.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.HandshakeException;
import io.uxp.runtime.ClientSecurity;
import io.uxp.runtime.ServerKeyPair;
import io.uxp.runtime.ServerSecurity;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * An attacker on the path changes one byte of a hello. Every offer, choice, key and padding byte is bound
 * into the transcript or checked strictly, so the handshake never completes with an altered hello.
 */
class HelloTamperingTest {

    private static final ServerKeyPair SERVER_KEY = ServerKeyPair.generate(new SplittableRandom(99));

    private static Peers peers() {
        return new Peers(ClientSecurity.pinnedServerKey(SERVER_KEY.publicKey()), ServerSecurity.staticKey(SERVER_KEY));
    }

    /** Drives the client to its end after a tampered exchange: established, failed now, or failed by timeout. */
    private static boolean clientEstablishes(Peers p, ClientHandshake.Step first) {
        ClientHandshake.Step step = first;
        for (int i = 0; i < 100 && step != ClientHandshake.Step.ESTABLISHED && step != ClientHandshake.Step.FAILED; i++) {
            p.now = Math.max(p.now, p.client.nextTimeoutMillis());
            step = p.client.onTimeout(p.now);
        }
        assertThat(step).isIn(ClientHandshake.Step.ESTABLISHED, ClientHandshake.Step.FAILED);
        return step == ClientHandshake.Step.ESTABLISHED;
    }

    @Test
    void flippingAnyByteOfTheClientHelloPreventsTheHandshake() {
        int length = Wire.MIN_CLIENT_HELLO_BYTES;
        for (int i = 0; i < length; i++) {
            Peers p = peers();
            byte[] hello = p.client.start(p.now);
            assertThat(hello).hasSize(length);
            hello[i] ^= 0x01;
            ClientHandshake.Step step = ClientHandshake.Step.IGNORED;
            if (p.toServer(hello) == ServerHandshake.Outcome.REPLY) {
                step = p.toClient(p.server.reply());
            }
            assertThat(clientEstablishes(p, step)).as("client established after flipping byte %d", i).isFalse();
            assertThat(p.server.pendingCount()).as("server keys from a flipped byte %d never confirm", i)
                    .isLessThanOrEqualTo(1);
        }
    }

    @Test
    void flippingAnyByteOfTheServerHelloFailsTheClient() {
        Peers reference = peers();
        reference.toServer(reference.client.start(reference.now));
        int length = reference.server.reply().length;
        for (int i = 0; i < length; i++) {
            Peers p = peers();
            p.toServer(p.client.start(p.now));
            byte[] serverHello = p.server.reply();
            serverHello[i] ^= 0x01;
            ClientHandshake.Step step = p.toClient(serverHello);
            assertThat(clientEstablishes(p, step)).as("client established after flipping byte %d", i).isFalse();
            assertThat(p.client.failure().reason()).isIn(HandshakeException.Reason.AUTHENTICATION_FAILED,
                    HandshakeException.Reason.PROTOCOL_ERROR, HandshakeException.Reason.TIMEOUT);
        }
    }

    @Test
    void aDowngradedCipherChoiceIsDetectedByTheConfirmation() {
        Peers p = peers();
        p.toServer(p.client.start(p.now));
        byte[] sh = p.server.reply();
        String original = new String(sh, java.nio.charset.StandardCharsets.ISO_8859_1);
        // Both built-in cipher names are 17 bytes, so the attacker can swap them without changing any length.
        String swapped = original.contains("chacha20-poly1305")
                ? original.replace("chacha20-poly1305", "xsalsa20-poly1305")
                : original.replace("xsalsa20-poly1305", "chacha20-poly1305");
        assertThat(swapped).isNotEqualTo(original);

        byte[] downgraded = swapped.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        ClientHandshake.Step step = p.settle(p.toClient(downgraded));

        assertThat(step).isEqualTo(ClientHandshake.Step.FAILED);
        assertThat(p.client.failure().reason()).isEqualTo(HandshakeException.Reason.AUTHENTICATION_FAILED);
    }
}
