package io.uxp.runtime.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.DropReason;
import io.uxp.runtime.ClientSecurity;
import io.uxp.runtime.FecOffer;
import io.uxp.runtime.ServerSecurity;
import io.uxp.runtime.negotiation.Offers;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Hostile hellos are dropped and counted, never answered with work, never thrown. */
class MalformedHelloTest {

    private static final byte[] KEY = new byte[32];

    private static Peers peers() {
        return new Peers(ClientSecurity.unauthenticated(), ServerSecurity.unauthenticated());
    }

    private static byte[] validHello() {
        return new ClientHello(42, filled(32, 9), filled(32, 7), 0, new byte[0],
                new Offers(List.of("chacha20-poly1305"), List.of(FecOffer.NONE), List.of("kcp"))).encode();
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private static void assertDroppedAsInvalid(byte[] datagram) {
        Peers p = peers();
        assertThat(p.toServer(datagram)).isEqualTo(ServerHandshake.Outcome.DROPPED);
        assertThat(p.server.dropReason()).isEqualTo(DropReason.HANDSHAKE_INVALID);
        assertThat(p.serverKeyExchange.scalarMultiplications()).isZero();
        assertThat(p.server.pendingCount()).isZero();
    }

    @Test
    void theHandBuiltHelloIsValidSoTheMutationsBelowAreWhatGetsItRejected() {
        assertThat(ClientHello.parse(validHello(), 0, Wire.MIN_CLIENT_HELLO_BYTES)).isNotNull();
    }

    @Test
    void everyTruncationOfAHelloIsDropped() {
        byte[] hello = validHello();
        for (int n = 0; n < hello.length; n += 7) {
            assertDroppedAsInvalidOrMalformed(Arrays.copyOf(hello, n));
        }
    }

    private static void assertDroppedAsInvalidOrMalformed(byte[] datagram) {
        Peers p = peers();
        assertThat(p.server.onDatagram(Peers.CLIENT_ADDRESS, datagram, 0, datagram.length, p.now))
                .isEqualTo(ServerHandshake.Outcome.DROPPED);
        assertThat(p.server.dropReason()).isIn(DropReason.HANDSHAKE_INVALID, DropReason.MALFORMED);
        assertThat(p.serverKeyExchange.scalarMultiplications()).isZero();
    }

    @Test
    void aHelloWithShortPaddingIsDroppedEvenIfOtherwiseWellFormed() {
        byte[] hello = validHello();
        int unpadded = hello.length - paddingOf(hello) - 2;
        byte[] shortened = Arrays.copyOf(hello, Wire.MIN_CLIENT_HELLO_BYTES - 1);
        int padding = Wire.MIN_CLIENT_HELLO_BYTES - 1 - unpadded - 2;
        shortened[unpadded] = (byte) (padding >>> 8);
        shortened[unpadded + 1] = (byte) padding;
        assertThat(ClientHello.parse(shortened, 0, shortened.length)).isNull();
        assertDroppedAsInvalid(shortened);
    }

    private static int paddingOf(byte[] hello) {
        // The padding is the run of zeros at the end, preceded by its 2-byte length.
        int zeros = 0;
        while (hello[hello.length - 1 - zeros] == 0) {
            zeros++;
        }
        for (int pad = zeros; pad >= 0; pad--) {
            int at = hello.length - pad - 2;
            if ((((hello[at] & 0xFF) << 8) | (hello[at + 1] & 0xFF)) == pad) {
                return pad;
            }
        }
        throw new AssertionError("no padding length found");
    }

    @Test
    void nonZeroPaddingIsDropped() {
        byte[] hello = validHello();
        hello[hello.length - 1] = 1;
        assertDroppedAsInvalid(hello);
    }

    @Test
    void aHugeCookieOrNameLengthIsDropped() {
        byte[] hello = validHello();
        byte[] cookie = hello.clone();
        cookie[Wire.CLIENT_HELLO_FIXED_BYTES - 1] = (byte) 0xFF;
        assertDroppedAsInvalid(cookie);
        byte[] name = hello.clone();
        name[Wire.CLIENT_HELLO_FIXED_BYTES + 1] = (byte) 0xFF; // first cipher name's length
        assertDroppedAsInvalid(name);
        byte[] padding = hello.clone();
        int at = hello.length - paddingOf(hello) - 2;
        padding[at] = (byte) 0xFF;
        padding[at + 1] = (byte) 0xFF;
        assertDroppedAsInvalid(padding);
    }

    @Test
    void tooManyOffersAreDropped() {
        byte[] hello = validHello();
        hello[Wire.CLIENT_HELLO_FIXED_BYTES] = (byte) (Wire.MAX_OFFERS + 1); // the cipher count
        assertDroppedAsInvalid(hello);
        List<String> nine = IntStream.range(0, Wire.MAX_OFFERS + 1).mapToObj(i -> "c" + i).toList();
        byte[] many = new ClientHello(1, KEY, KEY, 0, new byte[0], new Offers(nine, List.of(FecOffer.NONE),
                List.of("kcp"))).encode();
        assertDroppedAsInvalid(many);
    }

    @Test
    void duplicateOffersAndUnknownFlagsAreDropped() {
        byte[] dup = new ClientHello(1, KEY, KEY, 0, new byte[0], new Offers(List.of("a", "a"),
                List.of(FecOffer.NONE), List.of("kcp"))).encode();
        assertDroppedAsInvalid(dup);
        byte[] flags = validHello();
        flags[Wire.CLIENT_HELLO_FIXED_BYTES - 2] = (byte) 0x80;
        assertDroppedAsInvalid(flags);
    }

    @Test
    void anOversizedDatagramIsDropped() {
        assertDroppedAsInvalid(Arrays.copyOf(validHello(), Wire.MAX_HANDSHAKE_BYTES + 1));
    }

    @Property(tries = 300)
    void randomBytesAfterAClientHelloTypeNeverThrowAndNeverCostKeyExchange(
            @ForAll @Size(min = 1, max = 1500) byte[] datagram) {
        datagram[0] = Wire.TYPE_CLIENT_HELLO;
        Peers p = peers();
        p.server.onDatagram(Peers.CLIENT_ADDRESS, datagram, 0, datagram.length, p.now);
        assertThat(p.serverKeyExchange.scalarMultiplications()).isZero();
    }

    @Property(tries = 300)
    void randomMutationsOfAValidHelloNeverThrow(@ForAll @IntRange(min = 0, max = 1199) int at,
            @ForAll byte value, @ForAll @IntRange(min = 0, max = 1200) int cut) {
        byte[] hello = validHello();
        hello[at] = value;
        byte[] datagram = Arrays.copyOf(hello, Math.max(cut, 1));
        Peers p = peers();
        p.server.onDatagram(Peers.CLIENT_ADDRESS, datagram, 0, datagram.length, p.now);
        p.client.start(p.now);
        assertThat(p.client.onDatagram(datagram, 0, datagram.length, p.now)).isEqualTo(ClientHandshake.Step.IGNORED);
    }

    @Property(tries = 300)
    void randomDatagramsOfEveryTypeNeverThrowAtTheClient(@ForAll @Size(min = 1, max = 600) byte[] datagram,
            @ForAll @IntRange(min = 1, max = 4) int type) {
        datagram[0] = (byte) type;
        Peers p = peers();
        p.client.start(p.now);
        assertThat(p.client.onDatagram(datagram, 0, datagram.length, p.now)).isEqualTo(ClientHandshake.Step.IGNORED);
    }
}
