package io.uxp.crypto.chacha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.uxp.api.spi.PacketOpener;
import io.uxp.api.spi.PacketSealer;
import java.util.Arrays;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Invariants of chacha20-poly1305 sealing and opening in place, over random keys, nonces, AADs and bodies. */
abstract class ChaCha20Poly1305PropertiesTest {

    /** @return the provider under test, fixed to one backend */
    abstract ChaCha20Poly1305Provider provider();
    private static final int TAG = 16;
    private static final int NONCE = 12;
    /** Bytes before the AAD and after the tag room. */
    private static final int GUARD = 5;
    private static final byte GUARD_BYTE = (byte) 0x5A;

    @Property(tries = 300)
    void openingWhatWasSealedRestoresThePlaintextAndTouchesNothingElse(
            @ForAll @Size(value = 32) byte[] key, @ForAll @Size(value = 12) byte[] nonce,
            @ForAll @Size(max = 64) byte[] aad, @ForAll @Size(max = 1500) byte[] plaintext) {
        Layout layout = new Layout(aad, plaintext);

        int sealed = provider().newSealer(key).seal(nonce, layout.packet, GUARD, aad.length, layout.bodyOffset,
                plaintext.length);
        assertThat(sealed).isEqualTo(plaintext.length + TAG);
        layout.assertUntouchedOutsideBody();
        int opened = provider().newOpener(key).open(nonce, layout.packet, GUARD, aad.length, layout.bodyOffset, sealed);

        assertThat(opened).isEqualTo(plaintext.length);
        assertThat(layout.body(opened)).isEqualTo(plaintext);
        layout.assertUntouchedOutsideBody();
    }

    @Property(tries = 300)
    void flippingAnyBitOfTheAadCiphertextOrTagMakesOpeningFail(
            @ForAll @Size(value = 32) byte[] key, @ForAll @Size(value = 12) byte[] nonce,
            @ForAll @Size(max = 40) byte[] aad, @ForAll @Size(max = 200) byte[] plaintext,
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int bitChoice) {
        Layout layout = new Layout(aad, plaintext);
        int sealed = provider().newSealer(key).seal(nonce, layout.packet, GUARD, aad.length, layout.bodyOffset,
                plaintext.length);
        // AAD and sealed body are contiguous in this layout: one bit index covers both
        int bit = bitChoice % ((aad.length + sealed) * 8);
        layout.packet[GUARD + bit / 8] ^= (byte) (1 << (bit % 8));
        byte[] beforeOpen = layout.packet.clone();

        int opened = provider().newOpener(key).open(nonce, layout.packet, GUARD, aad.length, layout.bodyOffset, sealed);

        assertThat(opened).isEqualTo(PacketOpener.FAILED);
        // the SPI's contract: a failed open leaves the buffer as it was, so a caller may try another key
        assertThat(layout.packet).isEqualTo(beforeOpen);
    }

    @Property(tries = 100)
    void openingUnderAnotherNonceOrKeyFails(@ForAll @Size(value = 32) byte[] key,
            @ForAll @Size(value = 12) byte[] nonce, @ForAll @Size(max = 300) byte[] plaintext,
            @ForAll @IntRange(min = 0, max = 12 * 8 - 1) int nonceBit,
            @ForAll @IntRange(min = 0, max = 255) int keyBit) {
        byte[] aad = {1, 2, 3};
        Layout layout = new Layout(aad, plaintext);
        int sealed = provider().newSealer(key).seal(nonce, layout.packet, GUARD, aad.length, layout.bodyOffset,
                plaintext.length);
        byte[] otherNonce = nonce.clone();
        otherNonce[nonceBit / 8] ^= (byte) (1 << (nonceBit % 8));
        byte[] otherKey = key.clone();
        otherKey[keyBit / 8] ^= (byte) (1 << (keyBit % 8));

        assertThat(provider().newOpener(key).open(otherNonce, layout.packet.clone(), GUARD, aad.length,
                layout.bodyOffset, sealed)).isEqualTo(PacketOpener.FAILED);
        assertThat(provider().newOpener(otherKey).open(nonce, layout.packet.clone(), GUARD, aad.length,
                layout.bodyOffset, sealed)).isEqualTo(PacketOpener.FAILED);
        assertThat(provider().newOpener(key).open(nonce, layout.packet, GUARD, aad.length, layout.bodyOffset, sealed))
                .isEqualTo(plaintext.length);
    }

    @Property(tries = 50)
    void theSamePlaintextUnderTwoNoncesGivesUnrelatedCiphertexts(@ForAll @Size(value = 32) byte[] key,
            @ForAll @Size(min = 32, max = 100) byte[] plaintext) {
        PacketSealer sealer = provider().newSealer(key);
        byte[] first = Arrays.copyOf(plaintext, plaintext.length + TAG);
        byte[] second = Arrays.copyOf(plaintext, plaintext.length + TAG);

        sealer.seal(new byte[12], first, 0, 0, 0, plaintext.length);
        byte[] nonceOne = new byte[12];
        nonceOne[11] = 1;
        sealer.seal(nonceOne, second, 0, 0, 0, plaintext.length);

        assertThat(first).isNotEqualTo(second);
        assertThat(Arrays.copyOf(first, plaintext.length)).isNotEqualTo(plaintext);
    }

    @Property(tries = 50)
    void bodiesShorterThanATagAreRefusedWithoutAnException(@ForAll @IntRange(min = 0, max = TAG - 1) int length) {
        byte[] packet = new byte[40];
        assertThat(provider().newOpener(new byte[32]).open(new byte[12], packet, 0, 4, 4, length))
                .isEqualTo(PacketOpener.FAILED);
    }

    @Example
    void regionsOutsideTheBufferOrAMisSizedNonceAreRefusedWithoutAnException() {
        PacketOpener opener = provider().newOpener(new byte[32]);
        byte[] packet = new byte[64];

        assertThat(opener.open(new byte[12], packet, 0, 4, 40, 30)).isEqualTo(PacketOpener.FAILED);
        assertThat(opener.open(new byte[12], packet, -1, 4, 4, 20)).isEqualTo(PacketOpener.FAILED);
        assertThat(opener.open(new byte[12], packet, 60, 5, 4, 20)).isEqualTo(PacketOpener.FAILED);
        assertThat(opener.open(new byte[12], packet, 0, 4, 4, -20)).isEqualTo(PacketOpener.FAILED);
        assertThat(opener.open(new byte[11], packet, 0, 4, 4, 20)).isEqualTo(PacketOpener.FAILED);
        assertThat(opener.open(null, packet, 0, 4, 4, 20)).isEqualTo(PacketOpener.FAILED);
    }

    @Example
    void keysOfTheWrongLengthAreRejectedWhenTheSealerOrOpenerIsMade() {
        assertThatThrownBy(() -> provider().newSealer(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32-byte key");
        assertThatThrownBy(() -> provider().newOpener(new byte[33]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32-byte key");
    }

    @Example
    void aDestroyedOpenerNoLongerOpensWhatItsKeySealed() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        byte[] packet = new byte[10 + TAG];
        int sealed = provider().newSealer(key).seal(new byte[12], packet, 0, 0, 0, 10);
        PacketOpener opener = provider().newOpener(key);

        opener.destroy();

        assertThat(opener.open(new byte[12], packet, 0, 0, 0, sealed)).isEqualTo(PacketOpener.FAILED);
    }

    @Example
    void theCallersKeyArrayMayBeWipedOnceTheSealerIsMade() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 9);
        PacketSealer sealer = provider().newSealer(key);
        PacketOpener opener = provider().newOpener(key.clone());
        Arrays.fill(key, (byte) 0);
        byte[] packet = new byte[10 + TAG];

        int sealed = sealer.seal(new byte[12], packet, 0, 0, 0, 10);

        assertThat(opener.open(new byte[12], packet, 0, 0, 0, sealed)).isEqualTo(10);
    }

    @Example
    void aDestroyedOpenerRefusesEvenPacketsSealedUnderTheAllZeroKeyItsStateWasWipedTo() {
        PacketOpener opener = provider().newOpener(new byte[32]);
        byte[] packet = new byte[TAG + 10];
        int sealed = provider().newSealer(new byte[32]).seal(new byte[NONCE], packet, 0, 0, 0, 10);

        opener.destroy();

        assertThat(opener.open(new byte[NONCE], packet, 0, 0, 0, sealed)).isEqualTo(PacketOpener.FAILED);
    }

    @Example
    void aDestroyedSealerRefusesToSeal() {
        PacketSealer sealer = provider().newSealer(new byte[32]);
        sealer.destroy();

        assertThatThrownBy(() -> sealer.seal(new byte[NONCE], new byte[TAG + 10], 0, 0, 0, 10))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("destroyed");
    }

    @Example
    void sealingWithAMisSizedNonceOrWithoutRoomForTheTagIsACallerErrorAndThrows() {
        PacketSealer sealer = provider().newSealer(new byte[32]);

        assertThatThrownBy(() -> sealer.seal(new byte[NONCE - 1], new byte[TAG + 10], 0, 0, 0, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(NONCE + "-byte nonce");
        assertThatThrownBy(() -> sealer.seal(new byte[NONCE], new byte[TAG + 9], 0, 0, 0, 10))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> sealer.seal(new byte[NONCE], new byte[TAG + 10], 20, 10, 0, 10))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Property(tries = 50)
    void oneOpenerOpensAPacketUnderTheNonceOfAForgeryItJustRefusedAndTheSamePacketTwice(
            @ForAll @Size(value = 32) byte[] key, @ForAll @Size(value = 12) byte[] nonce,
            @ForAll @Size(max = 300) byte[] plaintext) {
        byte[] aad = {9, 8, 7};
        Layout layout = new Layout(aad, plaintext);
        int sealed = provider().newSealer(key).seal(nonce, layout.packet, GUARD, aad.length, layout.bodyOffset,
                plaintext.length);
        byte[] forged = layout.packet.clone();
        forged[layout.bodyOffset + sealed - 1] ^= 1;
        PacketOpener opener = provider().newOpener(key);

        // an attacker's forgery under the packet number the genuine packet carries must not spoil it
        assertThat(opener.open(nonce, forged, GUARD, aad.length, layout.bodyOffset, sealed))
                .isEqualTo(PacketOpener.FAILED);
        byte[] copy = layout.packet.clone();
        assertThat(opener.open(nonce, layout.packet, GUARD, aad.length, layout.bodyOffset, sealed))
                .isEqualTo(plaintext.length);
        assertThat(opener.open(nonce, copy, GUARD, aad.length, layout.bodyOffset, sealed))
                .isEqualTo(plaintext.length);
    }

    /** [guard][aad][plaintext][tag room][guard], remembering the original bytes outside the body. */
    private static final class Layout {
        final byte[] packet;
        final int bodyOffset;
        private final byte[] aad;

        Layout(byte[] aad, byte[] plaintext) {
            this.aad = aad.clone();
            packet = new byte[GUARD + aad.length + plaintext.length + TAG + GUARD];
            Arrays.fill(packet, GUARD_BYTE);
            System.arraycopy(aad, 0, packet, GUARD, aad.length);
            bodyOffset = GUARD + aad.length;
            System.arraycopy(plaintext, 0, packet, bodyOffset, plaintext.length);
        }

        byte[] body(int length) {
            return Arrays.copyOfRange(packet, bodyOffset, bodyOffset + length);
        }

        void assertUntouchedOutsideBody() {
            for (int i = 0; i < GUARD; i++) {
                assertThat(packet[i]).isEqualTo(GUARD_BYTE);
                assertThat(packet[packet.length - 1 - i]).isEqualTo(GUARD_BYTE);
            }
            assertThat(Arrays.copyOfRange(packet, GUARD, bodyOffset)).isEqualTo(aad);
        }
    }
}
