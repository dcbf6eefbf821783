package io.uxp.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.uxp.api.ProviderNotFoundException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Providers whose declared values are out of range are refused when loaded, and say why. */
class ProviderRefusalTest {

    /** A cipher that only declares sizes: enough to be checked. */
    private record Sizes(String name, int keyBytes, int nonceBytes, int prefixBytes, int suffixBytes)
            implements CipherProvider {
        @Override
        public PacketSealer newSealer(byte[] key) {
            throw new UnsupportedOperationException("not used by these tests");
        }

        @Override
        public PacketOpener newOpener(byte[] key) {
            throw new UnsupportedOperationException("not used by these tests");
        }
    }

    /** Declares a fixed nonce (or throws for -1) and an overhead that need not be prefix + suffix. */
    private record Declared(int nonce, int overhead) implements CipherProvider {
        @Override
        public String name() {
            return "liar";
        }

        @Override
        public int keyBytes() {
            return 32;
        }

        @Override
        public int nonceBytes() {
            if (nonce < 0) {
                throw new IllegalStateException("not configured");
            }
            return nonce;
        }

        @Override
        public int prefixBytes() {
            return 0;
        }

        @Override
        public int suffixBytes() {
            return 16;
        }

        @Override
        public int overheadBytes() {
            return overhead;
        }

        @Override
        public PacketSealer newSealer(byte[] key) {
            throw new UnsupportedOperationException("not used by these tests");
        }

        @Override
        public PacketOpener newOpener(byte[] key) {
            throw new UnsupportedOperationException("not used by these tests");
        }
    }

    private record Congestion(String name) implements CongestionControlProvider {
        @Override
        public CongestionController newController(int mssBytes) {
            throw new UnsupportedOperationException("not used by these tests");
        }
    }

    private static ProviderRegistry withCipher(CipherProvider cipher) {
        return ProviderRegistry.of(List.of(cipher), List.of(), List.of());
    }

    @Test
    void aCipherWithAFourByteNonceIsRefusedNotListedAndALookupSaysWhy() {
        ProviderRegistry registry = withCipher(new Sizes("acme-aead", 32, 4, 0, 16));

        assertThat(registry.ciphers()).isEmpty();
        assertThat(registry.names(ProviderKind.CIPHER)).isEmpty();
        assertThat(registry.refused()).singleElement().asString()
                .contains("cipher provider 'acme-aead'", "Sizes", "nonceBytes 4 is outside 8..32");
        assertThatThrownBy(() -> registry.cipher("acme-aead"))
                .isInstanceOf(ProviderNotFoundException.class)
                .hasMessageContaining("no usable cipher provider 'acme-aead'")
                .hasMessageContaining("nonceBytes 4");
        assertThat(registry.toString()).contains("refused: cipher provider 'acme-aead'");
    }

    @Test
    void everyOutOfRangeCipherSizeIsRefusedWithTheValueAtFault() {
        assertThat(withCipher(new Sizes("k", 8, 12, 0, 16)).refused()).singleElement().asString()
                .contains("keyBytes 8 is outside 16..64");
        assertThat(withCipher(new Sizes("n", 32, 33, 0, 16)).refused()).singleElement().asString()
                .contains("nonceBytes 33");
        assertThat(withCipher(new Sizes("short-tag", 32, 12, 0, 8)).refused()).singleElement().asString()
                .contains("overheadBytes 8");
        assertThat(withCipher(new Sizes("neg", 32, 12, -1, 17)).refused()).singleElement().asString()
                .contains("must not be negative");
        assertThat(withCipher(new Sizes("big", 32, 12, 40, 40)).refused()).singleElement().asString()
                .contains("overheadBytes 80");
    }

    @Test
    void theLimitsThemselvesAreAccepted() {
        assertThat(withCipher(new Sizes("low", 16, 8, 16, 0)).ciphers()).hasSize(1);
        assertThat(withCipher(new Sizes("high", 64, 32, 32, 32)).ciphers()).hasSize(1);
    }

    @Test
    void anInconsistentOverheadIsRefused() {
        assertThat(withCipher(new Declared(12, 0)).refused()).singleElement().asString()
                .contains("overheadBytes 0 (prefix 0 + suffix 16) must equal prefix + suffix");
    }

    @Test
    void badWireNamesAreRefusedForEveryKind() {
        ProviderRegistry registry = ProviderRegistry.of(List.of(new Sizes("has space", 32, 12, 0, 16)), List.of(),
                List.of(new Congestion(""), new Congestion("x".repeat(33)), new Congestion("ok")));

        assertThat(registry.names(ProviderKind.CONGESTION_CONTROL)).containsExactly("ok");
        assertThat(registry.refused()).hasSize(3).anySatisfy(r -> assertThat(r)
                .contains("cipher provider 'has space'", "outside printable ASCII"));
    }

    @Test
    void aProviderThatThrowsWhenAskedForItsSizesIsRefused() {
        ProviderRegistry registry = withCipher(new Declared(-1, 16));

        assertThat(registry.ciphers()).isEmpty();
        assertThat(registry.refused()).singleElement().asString().contains("threw", "not configured");
    }
}
