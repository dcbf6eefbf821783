package io.uxp.provider.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.uxp.provider.checks.ToyCipherProvider.Flaw;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The checks pass a provider that keeps the contract and name the rule a flawed one breaks. */
class CipherChecksTest {

    private static final ToyCipherProvider CONFORMING = new ToyCipherProvider(Flaw.NONE);

    @Test
    void aConformingProviderPassesTheContractCheck() {
        assertThatCode(() -> CipherContract.check(CONFORMING)).doesNotThrowAnyException();
    }

    @Test
    void aProviderThatDecryptsBeforeVerifyingIsToldAFailedOpenChangedTheBuffer() {
        assertThatThrownBy(() -> CipherContract.check(new ToyCipherProvider(Flaw.DECRYPTS_BEFORE_VERIFYING)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("toy-decrypts-before-verifying")
                .hasMessageContaining("a failed open")
                .hasMessageContaining("verify the tag before decrypting");
    }

    @Test
    void aProviderThatDoesNotAuthenticateTheAssociatedDataFailsOnAFlippedBit() {
        assertThatThrownBy(() -> CipherContract.check(new ToyCipherProvider(Flaw.IGNORES_AAD)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("of the associated data and body flipped returned");
    }

    @Test
    void aProviderThatThrowsOnAShortBodyIsToldToReturnFailed() {
        assertThatThrownBy(() -> CipherContract.check(new ToyCipherProvider(Flaw.THROWS_ON_SHORT_BODY)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("open threw")
                .hasMessageContaining("must return PacketOpener.FAILED");
    }

    @Test
    void aVectorTheProviderReproducesPassesAndAWrongOneIsReportedWithItsSource() {
        byte[] key = new byte[ToyCipherProvider.KEY_BYTES];
        byte[] nonce = new byte[ToyCipherProvider.NONCE_BYTES];
        byte[] aad = {1, 2, 3};
        byte[] plaintext = "sunscreen".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] packet = new byte[aad.length + plaintext.length + ToyCipherProvider.TAG_BYTES];
        System.arraycopy(aad, 0, packet, 0, aad.length);
        System.arraycopy(plaintext, 0, packet, aad.length, plaintext.length);
        int sealed = CONFORMING.newSealer(key).seal(nonce, packet, 0, aad.length, aad.length, plaintext.length);
        byte[] body = Arrays.copyOfRange(packet, aad.length, aad.length + sealed);
        byte[] wrong = body.clone();
        wrong[0] ^= 1;

        assertThatCode(() -> CipherVectors.check(CONFORMING, new CipherVector("self", key, nonce, aad, plaintext,
                body))).doesNotThrowAnyException();
        assertThatThrownBy(() -> CipherVectors.check(CONFORMING, new CipherVector("made-up 1", key, nonce, aad,
                plaintext, wrong)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("vector made-up 1: sealed body");
    }

    @Test
    void theAllocationCheckSeesACopyPerPacketAndNoneWithoutOne() {
        CipherAllocation.Result none = CipherAllocation.sealAndOpen(CONFORMING, 1400, 20_000, 5_000);
        CipherAllocation.Result copies = CipherAllocation.sealAndOpen(
                new ToyCipherProvider(Flaw.ALLOCATES_PER_PACKET), 1400, 2_000, 2_000);

        assertThat(none.failures()).isZero();
        assertThat(none.bytesPerPacket()).isLessThan(1.0);
        assertThat(copies.bytesPerPacket()).isGreaterThan(1400.0);
    }
}
