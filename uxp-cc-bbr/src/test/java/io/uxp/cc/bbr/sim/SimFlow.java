package io.uxp.cc.bbr.sim;

import io.uxp.api.spi.CongestionController;
import io.uxp.kcp.KcpEngine;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One bulk flow of a {@link Dumbbell}: a sending and a receiving {@link KcpEngine} sharing a conversation id,
 * a sender that always has data, and a receiver that checks every byte.
 *
 * <p>The sender queues numbered messages of {@link #MESSAGE_SEGMENTS} full segments whenever fewer than
 * {@code topUpSegments} segments wait, so the flow is never application-limited. A message carries its index in
 * its first 8 bytes and then bytes of a per-flow pseudo-random pattern that depend on the index; the receiver
 * demands message {@code k} after message {@code k - 1}, intact, so a byte lost, duplicated, reordered or altered
 * fails at once. Counters are in payload bytes (application bytes, excluding every header).
 */
final class SimFlow {
    /** Segments per message: several, so fragmentation and reassembly are exercised too. */
    static final int MESSAGE_SEGMENTS = 4;
    /** Bytes of the index at the start of each message. */
    private static final int INDEX_BYTES = Long.BYTES;
    /** Length of the pattern the message bodies are cut from; prime, so message bodies differ in phase. */
    private static final int PATTERN_BYTES = 65_521;

    final int conv;
    final KcpEngine sender;
    /** The sender's congestion controller, for reports. */
    final CongestionController controller;
    final KcpEngine receiver;
    /** When the sender starts queueing data, in virtual microseconds. */
    final long startMicros;
    private final int messageBytes;
    private final int topUpSegments;
    private final byte[] pattern = new byte[PATTERN_BYTES];
    private final byte[] outgoing;
    private final byte[] expected;
    private final byte[] incoming;
    private long messagesQueued;
    private long messagesReceived;
    private long payloadBytesReceived;
    /** Messages still to queue; {@link Long#MAX_VALUE} for a flow that never runs out. */
    private final long messageLimit;

    SimFlow(int conv, KcpEngine sender, CongestionController controller, KcpEngine receiver, long startMicros, int topUpSegments, long seed,
            long messageLimit) {
        this.conv = conv;
        this.sender = sender;
        this.controller = controller;
        this.receiver = receiver;
        this.startMicros = startMicros;
        this.topUpSegments = topUpSegments;
        this.messageLimit = messageLimit;
        this.messageBytes = MESSAGE_SEGMENTS * sender.config().mssBytes();
        this.outgoing = new byte[messageBytes];
        this.expected = new byte[messageBytes];
        this.incoming = new byte[messageBytes];
        new SplittableRandom(seed ^ conv).nextBytes(pattern);
    }

    /** @return the bytes of one message */
    int messageBytes() {
        return messageBytes;
    }

    /**
     * Queues messages until {@code topUpSegments} segments wait (or the message limit is reached).
     *
     * @param nowMicros the current virtual time; nothing is queued before {@link #startMicros}
     */
    void topUp(long nowMicros) {
        if (nowMicros < startMicros) {
            return;
        }
        while (messagesQueued < messageLimit && sender.waitingToSend() < topUpSegments) {
            fill(outgoing, messagesQueued);
            int rc = sender.send(outgoing, 0, messageBytes);
            if (rc != KcpEngine.OK) {
                throw new AssertionError("flow " + conv + ": send refused message " + messagesQueued + ": " + rc);
            }
            messagesQueued++;
        }
    }

    /** Takes every whole message the receiver holds, checking each against the one expected next. */
    void drain() {
        for (int n; (n = receiver.receive(incoming, 0, incoming.length)) >= 0; ) {
            if (n != messageBytes) {
                throw new AssertionError("flow " + conv + ": message " + messagesReceived + " has " + n
                        + " bytes, expected " + messageBytes);
            }
            fill(expected, messagesReceived);
            int at = Arrays.mismatch(incoming, expected);
            if (at >= 0) {
                throw new AssertionError("flow " + conv + ": expected message " + messagesReceived
                        + ", got one that differs at byte " + at + " (it says it is message "
                        + indexOf(incoming) + ")");
            }
            messagesReceived++;
            payloadBytesReceived += n;
        }
    }

    /** @return application bytes received intact and in order so far */
    long payloadBytesReceived() {
        return payloadBytesReceived;
    }

    /** @return messages received intact and in order so far */
    long messagesReceived() {
        return messagesReceived;
    }

    /** @return messages handed to the sending engine so far */
    long messagesQueued() {
        return messagesQueued;
    }

    private void fill(byte[] message, long index) {
        for (int i = 0; i < INDEX_BYTES; i++) {
            message[i] = (byte) (index >>> (8 * (INDEX_BYTES - 1 - i)));
        }
        int phase = (int) ((index * messageBytes) % PATTERN_BYTES);
        for (int i = INDEX_BYTES; i < messageBytes; ) {
            int run = Math.min(messageBytes - i, PATTERN_BYTES - phase);
            System.arraycopy(pattern, phase, message, i, run);
            i += run;
            phase = 0;
        }
    }

    private static long indexOf(byte[] message) {
        long index = 0;
        for (int i = 0; i < INDEX_BYTES; i++) {
            index = index << 8 | (message[i] & 0xFF);
        }
        return index;
    }
}
