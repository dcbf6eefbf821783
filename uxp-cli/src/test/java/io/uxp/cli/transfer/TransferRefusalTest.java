package io.uxp.cli.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.CloseCause;
import io.uxp.api.Connection;
import io.uxp.api.ConnectionHandler;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TransferRefusalTest {

    private static final int MAX_MESSAGE = 5000;

    /** A client that sends one raw first message and records what comes back. */
    private static final class RawClient implements ConnectionHandler {
        final ByteBuffer first;
        final List<String> refusals = new ArrayList<>();
        CloseCause closed;

        RawClient(ByteBuffer first) {
            this.first = first;
        }

        @Override
        public void onReady(Connection connection) {
            connection.send(first);
        }

        @Override
        public void onData(Connection connection, ByteBuffer data) {
            String reason = TransferProtocol.refusalReason(data);
            if (reason != null) {
                refusals.add(reason);
            }
        }

        @Override
        public void onClosed(Connection connection, CloseCause cause) {
            closed = cause;
        }
    }

    private static RawClient send(ByteBuffer first, boolean echoServer) {
        RawClient client = new RawClient(first);
        new FakeLink(client, new Sink(echoServer), 100, MAX_MESSAGE).open();
        return client;
    }

    @Test
    void aHeaderWithItsFlagsLittleEndianIsRefusedWithAReasonNamingTheByteOrderAndClosed() {
        ByteBuffer header = ByteBuffer.allocate(16);
        header.putInt(TransferProtocol.HEADER_MAGIC);
        header.order(ByteOrder.LITTLE_ENDIAN).putInt(TransferProtocol.FLAG_WANT_RECEIPT);
        header.order(ByteOrder.BIG_ENDIAN).putLong(1000).flip();
        RawClient client = send(header, false);
        assertThat(client.refusals).singleElement().asString().contains("0x01000000").contains("big-endian")
                .contains("little-endian");
        assertThat(client.closed.kind()).isEqualTo(CloseCause.Kind.PEER_CLOSE);
    }

    @Test
    void aHeaderWithALittleEndianCountIsRefusedAsNegative() {
        ByteBuffer header = ByteBuffer.allocate(16).putInt(TransferProtocol.HEADER_MAGIC)
                .putInt(TransferProtocol.FLAG_WANT_RECEIPT).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).flip();
        assertThat(send(header, false).refusals).singleElement().asString().contains("negative");
    }

    @Test
    void aHeaderOfTheWrongLengthIsRefused() {
        ByteBuffer header = ByteBuffer.allocate(12).putInt(TransferProtocol.HEADER_MAGIC).putInt(1).putInt(0).flip();
        assertThat(send(header, false).refusals).singleElement().asString().contains("12 bytes, must be 16");
    }

    @Test
    void dataWithoutAHeaderIsServedAsBefore() {
        RawClient client = send(ByteBuffer.wrap("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), false);
        assertThat(client.refusals).isEmpty();
        assertThat(client.closed).isNull();
    }

    @Test
    void anEchoClientMeetingASinkServerFailsAtOnceWithTheFix() {
        Sender sender = new Sender(DataSource.generated(100_000, 3), true, true);
        new FakeLink(sender, new Sink(false), 100, MAX_MESSAGE).open();
        assertThat(sender.verdict().toCompletableFuture()).failsWithin(1, TimeUnit.SECONDS)
                .withThrowableOfType(ExecutionException.class)
                .withMessageContaining("the server refused the transfer").withMessageContaining("without --echo");
    }

    @Test
    void aReceiptClientMeetingAnEchoServerFailsAtOnceWithTheFix() {
        Sender sender = new Sender(DataSource.generated(100_000, 3), false, true);
        new FakeLink(sender, new Sink(true), 100, MAX_MESSAGE).open();
        assertThat(sender.verdict().toCompletableFuture()).failsWithin(1, TimeUnit.SECONDS)
                .withThrowableOfType(ExecutionException.class).withMessageContaining("run the client with --echo");
    }

    @Test
    void moreDataThanTheHeaderAnnouncedIsRefused() {
        RawClient client = new RawClient(TransferProtocol.header(4, false, true));
        FakeLink link = new FakeLink(client, new Sink(false), 100, MAX_MESSAGE);
        link.open();
        link.client.send(ByteBuffer.wrap(new byte[5]));
        assertThat(client.refusals).singleElement().asString().contains("more data arrived than the 4 bytes");
    }
}
