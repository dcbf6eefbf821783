package io.uxp.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SecurityConfigTest {

    // RFC 7748 section 6.1: Alice's private key and the public key it gives.
    private static final String ALICE_PRIVATE = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
    private static final String ALICE_PUBLIC = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";

    @Test
    void aServerKeyPairDerivesTheRfc7748PublicKey() {
        ServerKeyPair pair = ServerKeyPair.parsePrivateKey(ALICE_PRIVATE);
        assertThat(HexFormat.of().formatHex(pair.publicKey().bytes())).isEqualTo(ALICE_PUBLIC);
    }

    @Test
    void keysPrintAsBase64UrlAndParseBackFromBase64UrlOrHex() {
        ServerPublicKey key = ServerPublicKey.parse(ALICE_PUBLIC);
        String text = key.toString();
        assertThat(text).hasSize(43).doesNotContain("=", "+", "/");
        assertThat(ServerPublicKey.parse(text)).isEqualTo(key);
        ServerKeyPair pair = ServerKeyPair.generate(new SplittableRandom(1));
        assertThat(ServerKeyPair.parsePrivateKey(pair.privateKeyText()).publicKey()).isEqualTo(pair.publicKey());
        PreSharedKey psk = PreSharedKey.generate(new SplittableRandom(2));
        assertThat(PreSharedKey.parse(psk.text()).bytes()).isEqualTo(psk.bytes());
    }

    @Test
    void secretsNeverShowInToString() {
        ServerKeyPair pair = ServerKeyPair.parsePrivateKey(ALICE_PRIVATE);
        PreSharedKey psk = PreSharedKey.generate(new SplittableRandom(3));
        assertThat(pair.toString()).doesNotContain(pair.privateKeyText()).contains(pair.publicKey().toString());
        assertThat(psk.toString()).doesNotContain(psk.text());
        assertThat(ServerSecurity.staticKeyAndPreSharedKey(pair, psk).toString()).doesNotContain(psk.text(),
                pair.privateKeyText());
    }

    @Test
    void keysOfTheWrongLengthOrTextAreRefusedWithTheReason() {
        assertThatThrownBy(() -> ServerPublicKey.parse("abcd")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> ServerPublicKey.parse("not base64 !")).hasMessageContaining("base64url");
        assertThatThrownBy(() -> PreSharedKey.of(new byte[16])).hasMessageContaining("32 bytes");
    }

    @Test
    void theModesSayWhichSecretsTakePart() {
        ServerPublicKey key = ServerPublicKey.parse(ALICE_PUBLIC);
        PreSharedKey psk = PreSharedKey.generate(new SplittableRandom(4));
        assertThat(ClientSecurity.pinnedServerKey(key).mode()).isEqualTo(AuthenticationMode.PINNED_SERVER_KEY);
        assertThat(ClientSecurity.preSharedKey(psk).mode().usesServerKey()).isFalse();
        assertThat(ClientSecurity.pinnedServerKeyAndPreSharedKey(key, psk).mode())
                .isEqualTo(AuthenticationMode.PINNED_SERVER_KEY_AND_PRE_SHARED_KEY);
        assertThat(ClientSecurity.unauthenticated().mode()).isEqualTo(AuthenticationMode.UNAUTHENTICATED);
    }

    @Test
    void policiesAndPreferencesValidateTheirValues() {
        assertThatThrownBy(() -> new KeyUpdatePolicy(8, 1000, 100, 0)).hasMessageContaining("at least 16");
        assertThatThrownBy(() -> new KeyUpdatePolicy(100, 1000, 100, 0)).hasMessageContaining("exceed");
        assertThatThrownBy(() -> new ProviderPreferences(List.of("has space"), List.of(FecOffer.NONE), List.of("kcp")))
                .hasMessageContaining("wire name");
        assertThatThrownBy(() -> new ProviderPreferences(List.of("a", "a"), List.of(FecOffer.NONE), List.of("kcp")))
                .hasMessageContaining("distinct");
        assertThatThrownBy(() -> new FecOffer("none", new io.uxp.api.spi.FecParams(1, 1)))
                .hasMessageContaining("none");
        assertThat(KeyUpdatePolicy.defaults().updateAfterPackets()).isEqualTo(1L << 30);
        assertThat(HandshakeLimits.defaults().handshakeTimeoutMillis()).isEqualTo(10_000);
    }
}
