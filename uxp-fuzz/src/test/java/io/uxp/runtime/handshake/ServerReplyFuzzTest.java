package io.uxp.runtime.handshake;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.uxp.fuzz.AllocationMeter;
import io.uxp.fuzz.Check;
import io.uxp.fuzz.FuzzInput;
import io.uxp.fuzz.FuzzOutput;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fuzzes what a client parses: {@link ServerHello}, {@link Retry} and {@link Reject}, alone and then inside a
 * {@link ClientHandshake} awaiting its answer. Input: a mode byte (authentication mode, FEC preference), then the
 * datagram. The parsers return {@code null} or a value that re-encodes to the datagram; the client answers
 * {@code IGNORED}, {@code SEND} (only after a Retry), {@code ESTABLISHED} (only after a ServerHello) or
 * {@code FAILED} with a reason, and never throws.
 */
class ServerReplyFuzzTest {

    private static final long ALLOCATION_SLACK_BYTES = 16 * 1024;
    /** A Reject's message follows type, version, connection ID, reason and length. */
    private static final int REJECT_MESSAGE_OFFSET = 1 + 2 + 8 + 1 + 2;

    @FuzzTest
    void anyServerReplyIsHandledOrIgnored(byte[] data) {
        FuzzInput in = new FuzzInput(data);
        int selector = in.u8();
        byte[] datagram = in.rest();
        int n = datagram.length;

        AllocationMeter meter = AllocationMeter.start();
        ServerHello hello = ServerHello.parse(datagram, 0, n);
        Retry retry = Retry.parse(datagram, 0, n);
        Reject reject = Reject.parse(datagram, 0, n);
        meter.assertAtMost(ALLOCATION_SLACK_BYTES + 6L * n, "the reply parsers");
        int parsed = (hello != null ? 1 : 0) + (retry != null ? 1 : 0) + (reject != null ? 1 : 0);
        Check.that(parsed <= 1, "one datagram parsed as " + parsed + " kinds");
        if (hello != null) {
            byte[] again = ServerHello.withConfirmation(ServerHello.encodeUnconfirmed(hello.serverConnectionId(),
                    hello.clientConnectionId(), hello.ephemeralKey(), hello.random(), hello.suite()),
                    hello.confirmation());
            Check.that(Arrays.equals(again, datagram), "a ServerHello does not re-encode to its datagram");
            Check.that(Arrays.equals(hello.transcriptPart(), 0, hello.transcriptPart().length, datagram, 0,
                    n - Wire.CONFIRMATION_BYTES), "the transcript part is not the hello before its confirmation");
        }
        if (retry != null) {
            Check.that(Arrays.equals(retry.encode(), datagram), "a Retry does not re-encode to its datagram");
        }
        if (reject != null) {
            // invalid UTF-8 decodes to replacement characters, which re-encode differently
            Check.that(!validUtf8(datagram, REJECT_MESSAGE_OFFSET, n - REJECT_MESSAGE_OFFSET)
                    || Arrays.equals(reject.encode(), datagram), "a Reject does not re-encode to its datagram");
        }

        int mode = selector % HandshakeRig.MODES;
        boolean fec = (selector & 0x80) != 0;
        ClientHandshake client = HandshakeRig.client(mode, fec);
        client.start(HandshakeRig.NOW);
        ClientHandshake.Step step = client.onDatagram(datagram, 0, n, HandshakeRig.NOW + 1);
        switch (step) {
            case IGNORED -> Check.that(client.session() == null, "ignored, yet established");
            case SEND -> {
                Check.that(retry != null, "SEND without a Retry");
                ClientHello next = ClientHello.parse(client.outgoing(), 0, client.outgoing().length);
                Check.that(next != null && Arrays.equals(next.cookie(), retry.cookie()),
                        "the hello after a Retry does not carry its cookie");
            }
            case ESTABLISHED -> Check.that(hello != null && client.session() != null
                    && client.session().peerConnectionId() == hello.serverConnectionId()
                    && client.session().suite().equals(hello.suite()), "established without a matching ServerHello");
            case FAILED -> Check.that(client.failure() != null && (hello != null || reject != null),
                    "failed without a ServerHello or Reject: " + client.failure());
        }
    }

    private static boolean validUtf8(byte[] b, int offset, int length) {
        if (length < 0) {
            return false;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b, offset, length));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    /** The server's real answers to the rig's clients: ServerHellos (each mode, with FEC), Retry and Rejects. */
    static Map<String, byte[]> seeds() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        String[] modes = {"unauthenticated", "pinned-key", "psk", "pinned-key-and-psk"};
        for (int mode = 0; mode < HandshakeRig.MODES; mode++) {
            seeds.put("server-hello-" + modes[mode], seed(mode, false, answer(mode, false, mode, false)));
        }
        seeds.put("server-hello-fec", seed(0, true, answer(0, true, 0, true)));
        seeds.put("retry", seed(0, false, answer(0, false, 0, false, true)));
        seeds.put("reject-authentication", seed(1, false, answer(1, false, 0, false)));
        seeds.put("reject-psk-required", seed(0, false, answer(0, false, 2, false)));
        byte[] hello = HandshakeRig.client(0, false).start(HandshakeRig.NOW);
        hello[2] = 2; // version 2: the server answers with a version Reject
        ServerHandshake server = HandshakeRig.server(0, false, false);
        server.onDatagram(HandshakeRig.CLIENT, hello, 0, hello.length, HandshakeRig.NOW);
        seeds.put("reject-version", seed(0, false, server.reply()));
        return seeds;
    }

    private static byte[] answer(int clientMode, boolean clientFec, int serverMode, boolean serverFec) {
        return answer(clientMode, clientFec, serverMode, serverFec, false);
    }

    private static byte[] answer(int clientMode, boolean clientFec, int serverMode, boolean serverFec,
            boolean cookie) {
        byte[] hello = HandshakeRig.client(clientMode, clientFec).start(HandshakeRig.NOW);
        ServerHandshake server = HandshakeRig.server(serverMode, serverFec, cookie);
        ServerHandshake.Outcome outcome = server.onDatagram(HandshakeRig.CLIENT, hello, 0, hello.length,
                HandshakeRig.NOW);
        if (outcome != ServerHandshake.Outcome.REPLY) {
            throw new IllegalStateException("the rig's server did not answer: " + server.dropReason());
        }
        return server.reply();
    }

    private static byte[] seed(int mode, boolean fec, byte[] datagram) {
        return new FuzzOutput().u8(mode | (fec ? 0x80 : 0)).bytes(datagram).toByteArray();
    }
}
