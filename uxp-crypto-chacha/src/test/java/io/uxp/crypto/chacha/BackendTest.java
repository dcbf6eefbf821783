package io.uxp.crypto.chacha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The system property chooses the implementation; {@code auto} follows the JDK's feature release. */
class BackendTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(Backend.PROPERTY);
    }

    @Test
    void autoChoosesTheJdksCipherFromFeatureRelease21AndBouncyCastleBefore() {
        Backend expected = Runtime.version().feature() >= Backend.JDK_FROM ? Backend.JDK : Backend.BOUNCY_CASTLE;
        assertThat(Backend.select()).isEqualTo(expected);
        System.setProperty(Backend.PROPERTY, "auto");
        assertThat(new ChaCha20Poly1305Provider().backend()).isEqualTo(expected);
    }

    @Test
    void eachNameSelectsItsImplementationWhateverTheJdk() {
        System.setProperty(Backend.PROPERTY, "jdk");
        assertThat(Backend.select()).isEqualTo(Backend.JDK);
        System.setProperty(Backend.PROPERTY, " BouncyCastle ");
        assertThat(Backend.select()).isEqualTo(Backend.BOUNCY_CASTLE);
    }

    @Test
    void anUnknownNameFailsAtTheFirstKeyNamingThePropertyAndTheChoices() {
        System.setProperty(Backend.PROPERTY, "openssl");
        ChaCha20Poly1305Provider provider = new ChaCha20Poly1305Provider();
        assertThatThrownBy(() -> provider.newSealer(new byte[32]))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Backend.PROPERTY).hasMessageContaining("auto, jdk or bouncycastle");
    }

    @Test
    void bothImplementationsSealTheSameBytes() {
        byte[] key = new byte[32];
        byte[] nonce = new byte[12];
        for (int i = 0; i < 32; i++) {
            key[i] = (byte) (i * 7 + 1);
        }
        byte[] a = new byte[200];
        byte[] b = new byte[200];
        for (int i = 0; i < 184; i++) {
            a[i] = (byte) i;
            b[i] = (byte) i;
        }
        for (int n = 0; n < 3; n++) {
            nonce[11] = (byte) n;
            int sa = new ChaCha20Poly1305Provider(Backend.BOUNCY_CASTLE).newSealer(key).seal(nonce, a, 0, 20, 20, 160);
            int sb = new ChaCha20Poly1305Provider(Backend.JDK).newSealer(key).seal(nonce, b, 0, 20, 20, 160);
            assertThat(sb).isEqualTo(sa);
            assertThat(b).isEqualTo(a);
        }
    }
}
