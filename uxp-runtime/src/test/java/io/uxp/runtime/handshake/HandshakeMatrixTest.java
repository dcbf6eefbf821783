package io.uxp.runtime.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.NegotiatedSuite;
import io.uxp.api.spi.FecProvider;
import io.uxp.api.spi.ProviderKind;
import io.uxp.runtime.ClientSecurity;
import io.uxp.runtime.FecOffer;
import io.uxp.runtime.HandshakeLimits;
import io.uxp.runtime.KeyUpdatePolicy;
import io.uxp.runtime.PreSharedKey;
import io.uxp.runtime.ProviderPreferences;
import io.uxp.runtime.ServerKeyPair;
import io.uxp.runtime.ServerSecurity;
import io.uxp.runtime.record.Frames;
import io.uxp.runtime.record.RecordProtector;
import io.uxp.runtime.record.RecordUnprotector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HandshakeMatrixTest {

    static Stream<NegotiatedSuite> everyCombination() {
        List<NegotiatedSuite> out = new ArrayList<>();
        List<FecOffer> fecs = new ArrayList<>(List.of(FecOffer.NONE));
        for (FecProvider fec : Peers.REGISTRY.fecs()) {
            fecs.add(FecOffer.of(fec.name(), 10, 3));
        }
        // the built-in ciphers: a third-party one on the test path (the aes-256-gcm example) is not in the server's
        // default allow-list; example.JceCipherExampleTest negotiates it
        for (String cipher : ProviderPreferences.defaults().ciphers()) {
            for (FecOffer fec : fecs) {
                for (String cc : Peers.REGISTRY.names(ProviderKind.CONGESTION_CONTROL)) {
                    out.add(new NegotiatedSuite(cipher, fec.name(), fec.params(), cc));
                }
            }
        }
        return out.stream();
    }

    @Test
    void theTestPathHoldsBothCiphersReedSolomonAndTheThreeCongestionControls() {
        assertThat(Peers.REGISTRY.names(ProviderKind.CIPHER))
                .contains("chacha20-poly1305", "xsalsa20-poly1305");
        assertThat(Peers.REGISTRY.names(ProviderKind.FEC)).contains("reed-solomon");
        assertThat(Peers.REGISTRY.names(ProviderKind.CONGESTION_CONTROL)).contains("bbr", "kcp", "fixed");
        assertThat(everyCombination()).hasSize(2 * 2 * 3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCombination")
    void everyCipherFecAndCongestionCombinationCompletesAndCarriesDataBothWays(NegotiatedSuite suite) {
        FecOffer fec = new FecOffer(suite.fec(), suite.fecParams());
        ProviderPreferences only = new ProviderPreferences(List.of(suite.cipher()), List.of(fec),
                List.of(suite.congestionControl()));
        ServerKeyPair serverKey = ServerKeyPair.generate(new SplittableRandom(3));
        PreSharedKey psk = PreSharedKey.generate(new SplittableRandom(4));
        Peers peers = new Peers(ClientSecurity.pinnedServerKeyAndPreSharedKey(serverKey.publicKey(), psk),
                ServerSecurity.staticKeyAndPreSharedKey(serverKey, psk), only, ProviderPreferences.defaults(),
                HandshakeLimits.defaults(), KeyUpdatePolicy.defaults(), 11);

        assertThat(peers.completes()).isTrue();

        Session client = peers.client.session();
        Session server = peers.server.established();
        assertThat(client.suite()).isEqualTo(suite);
        assertThat(server.suite()).isEqualTo(suite);
        assertThat(client.peerConnectionId()).isEqualTo(server.localConnectionId());
        assertThat(server.peerConnectionId()).isEqualTo(client.localConnectionId());
        assertThat(roundTrip(client.protector(), server.unprotector(), "to the server")).isEqualTo("to the server");
        assertThat(roundTrip(server.protector(), client.unprotector(), "to the client")).isEqualTo("to the client");
    }

    static String roundTrip(RecordProtector sender, RecordUnprotector receiver, String text) {
        byte[] buf = new byte[256];
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int p = sender.payloadOffset(0);
        System.arraycopy(bytes, 0, buf, p + Frames.DATA_HEADER_BYTES, bytes.length);
        int len = sender.seal(buf, 0, Frames.writeDataHeader(buf, p, bytes.length), 0);
        int n = receiver.open(buf, 0, len, 0);
        if (n < 0) {
            return "dropped: " + RecordUnprotector.dropReason(n);
        }
        StringBuilder got = new StringBuilder();
        Frames.read(buf, receiver.payloadOffset(0), n, new Frames.Handler() {
            @Override
            public void onData(byte[] b, int off, int length) {
                got.append(new String(Arrays.copyOfRange(b, off, off + length), StandardCharsets.UTF_8));
            }

            @Override
            public void onKeepalive() {
            }

            @Override
            public void onClose(int code, String detail) {
            }
        });
        return got.toString();
    }
}
