package io.uxp.cli.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransferTest {

    private static final int MAX_MESSAGE = 5000;
    private static final int ROUNDS = 10_000;

    @TempDir
    Path dir;

    private static Sender.Verdict drive(Sender sender, Sink sink, int budget) throws Exception {
        FakeLink link = new FakeLink(sender, sink, budget, MAX_MESSAGE);
        link.open();
        for (int i = 0; i < ROUNDS && !sender.verdict().toCompletableFuture().isDone(); i++) {
            link.release();
        }
        return sender.verdict().toCompletableFuture().get(1, TimeUnit.SECONDS);
    }

    @Test
    void aSinkReceiptConfirmsTheBytesWithAnIndependentlyComputedDigest() throws Exception {
        byte[] content = new byte[123_457];
        new java.util.Random(5).nextBytes(content);
        Path file = Files.write(dir.resolve("data"), content);
        Sink sink = new Sink(false);
        Sender.Verdict v = drive(new Sender(DataSource.file(file), false, true), sink, 3);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        assertThat(v.match()).isTrue();
        assertThat(v.sentSha256()).isEqualTo(expected);
        assertThat(v.receivedSha256()).isEqualTo(expected);
        assertThat(v.receivedBytes()).isEqualTo(content.length);
        assertThat(sink.receivedBytes()).isEqualTo(content.length);
        assertThat(sink.digestHex()).isEqualTo(expected);
    }

    @Test
    void anEchoServerSendsEverythingBackAndTheClientHashesIt() throws Exception {
        Sender.Verdict v = drive(new Sender(DataSource.generated(100_000, 9), true, true), new Sink(true), 2);
        assertThat(v.match()).isTrue();
        assertThat(v.receivedBytes()).isEqualTo(100_000);
        assertThat(v.sentSha256()).isEqualTo(v.receivedSha256());
    }

    @Test
    void anEmptyTransferIsConfirmedToo() throws Exception {
        Sender.Verdict v = drive(new Sender(DataSource.generated(0, 1), false, true), new Sink(false), 1);
        assertThat(v.match()).isTrue();
        // SHA-256 of the empty string (FIPS 180-4 test vectors, also `sha256sum < /dev/null`)
        assertThat(v.receivedSha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void aTamperedReceiptIsAMismatch() throws Exception {
        Sender sender = new Sender(DataSource.generated(1000, 2), false, true);
        // a "server" that answers with a receipt for other bytes
        io.uxp.api.ConnectionHandler liar = (connection, data) -> {
            if (TransferProtocol.isHeader(data)) {
                connection.send(TransferProtocol.receipt(1000, new byte[TransferProtocol.DIGEST_BYTES]));
            }
        };
        FakeLink link = new FakeLink(sender, liar, 100, MAX_MESSAGE);
        link.open();
        assertThat(sender.verdict().toCompletableFuture().get(1, TimeUnit.SECONDS).match()).isFalse();
    }

    @Test
    void aConnectionClosedBeforeTheReceiptFailsTheVerdictWithTheCount() {
        Sender sender = new Sender(DataSource.generated(1000, 2), false, true);
        FakeLink link = new FakeLink(sender, (connection, data) -> { }, 100, MAX_MESSAGE);
        link.open();
        link.server.close();
        assertThat(sender.verdict().toCompletableFuture()).failsWithin(1, TimeUnit.SECONDS)
                .withThrowableOfType(ExecutionException.class).withMessageContaining("1,000 of 1,000 bytes sent");
    }

    @Test
    void theHeaderCarriesTheLengthAndTheModeFlagBigEndian() {
        ByteBuffer h = TransferProtocol.header(0x0102030405L, false, true);
        assertThat(h.remaining()).isEqualTo(16);
        // "UXPT" in ASCII is 55 58 50 54; flags and count big-endian
        assertThat(HexFormat.of().formatHex(h.array())).isEqualTo("55585054" + "00000001" + "0000000102030405");
        assertThat(HexFormat.of().formatHex(TransferProtocol.header(7, true, true).array()))
                .isEqualTo("55585054" + "00000002" + "0000000000000007");
    }

    @Test
    void withoutDigestsTheHeaderSaysSoAndTheSinkOnlyCountsWhatArrived() throws Exception {
        assertThat(HexFormat.of().formatHex(TransferProtocol.header(7, false, false).array()))
                .isEqualTo("55585054" + "00000005" + "0000000000000007");
        Sink sink = new Sink(false);
        Sender.Verdict v = drive(new Sender(DataSource.generated(100_000, 4), false, false), sink, 3);
        assertThat(v.match()).isTrue();
        assertThat(v.receivedBytes()).isEqualTo(100_000);
        assertThat(v.sentSha256()).isEmpty();
        assertThat(v.receivedSha256()).isEmpty();
        assertThat(sink.receivedBytes()).isEqualTo(100_000);
        assertThat(sink.digestHex()).isEmpty();
    }

    @Test
    void withoutDigestsAReceiptOfAnotherCountIsStillAMismatch() throws Exception {
        Sender sender = new Sender(DataSource.generated(1000, 2), false, false);
        io.uxp.api.ConnectionHandler shortCounter = (connection, data) -> {
            if (TransferProtocol.isHeader(data)) {
                connection.send(TransferProtocol.receipt(999, new byte[TransferProtocol.DIGEST_BYTES]));
            }
        };
        FakeLink link = new FakeLink(sender, shortCounter, 100, MAX_MESSAGE);
        link.open();
        assertThat(sender.verdict().toCompletableFuture().get(1, TimeUnit.SECONDS).match()).isFalse();
    }
}
