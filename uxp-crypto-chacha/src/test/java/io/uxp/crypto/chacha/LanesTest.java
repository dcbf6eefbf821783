package io.uxp.crypto.chacha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The system property chooses the lanes; a bad value fails at the first key with its message. */
class LanesTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(Lanes.PROPERTY);
    }

    @Test
    void eachNameSelectsItsKind() {
        System.setProperty(Lanes.PROPERTY, " SuperWord ");
        assertThat(Lanes.select()).isEqualTo(Lanes.SUPERWORD);
        System.setProperty(Lanes.PROPERTY, "vector");
        assertThat(Lanes.select()).isEqualTo(Lanes.VECTOR);
    }

    @Test
    void anUnknownNameFailsAtTheFirstKeyNamingThePropertyAndTheChoices() {
        System.setProperty(Lanes.PROPERTY, "avx");
        ChaCha20Poly1305Provider provider = new ChaCha20Poly1305Provider(Backend.BOUNCY_CASTLE);
        assertThatThrownBy(() -> provider.newOpener(new byte[32]))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Lanes.PROPERTY).hasMessageContaining("auto, vector or superword");
    }

    @Test
    void bothKindsSealTheSameBytes() {
        byte[] key = new byte[32];
        byte[] nonce = new byte[12];
        for (int i = 0; i < 32; i++) {
            key[i] = (byte) (i * 5 + 3);
        }
        for (int length : new int[] {1, 100, 200, 1_000, 1_400}) {
            byte[] a = new byte[length + 36];
            byte[] b = new byte[length + 36];
            for (int i = 0; i < length + 20; i++) {
                a[i] = (byte) (i * 3);
                b[i] = (byte) (i * 3);
            }
            nonce[0] = (byte) length;
            int sa = new ChaChaPolyAead(key, Lanes.SUPERWORD).seal(nonce, a, 0, 20, 20, length);
            int sb = new ChaChaPolyAead(key, Lanes.VECTOR).seal(nonce, b, 0, 20, 20, length);
            assertThat(sb).isEqualTo(sa);
            assertThat(b).as("%d bytes", length).isEqualTo(a);
        }
    }
}
