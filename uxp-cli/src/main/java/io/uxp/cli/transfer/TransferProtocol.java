package io.uxp.cli.transfer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The tiny application protocol {@code uxp client} speaks to {@code uxp server} over a UXP connection in
 * message mode, so that the client can verify a transfer. Every integer is big-endian (network order).
 *
 * <ul>
 *   <li>The client's first message is a 16-byte header: the magic {@code "UXPT"} (4 bytes), the flags (an
 *       unsigned 32-bit integer: bit 0 {@link #FLAG_WANT_RECEIPT}, bit 1 {@link #FLAG_ECHO}, bit 2
 *       {@link #FLAG_NO_DIGEST}, bits 3 to 31 reserved and zero) and the number of data bytes that follow (a
 *       64-bit integer, 0 to 2^63 - 1).</li>
 *   <li>A sink server hashes those bytes and, when all arrived and bit 0 is set, answers with a 48-byte
 *       receipt: the magic {@code "UXPR"}, 4 reserved zero bytes, the byte count (8 bytes) and the SHA-256 of
 *       the bytes (32 bytes), or 32 zero bytes when bit 2 is set (the server then only counts).</li>
 *   <li>An echo server sends every message back unchanged, header included; the client hashes what comes
 *       back.</li>
 *   <li>A server that refuses a transfer sends a refusal, the magic {@code "UXPE"} and a UTF-8 reason (at most
 *       {@link #MAX_REASON_BYTES} bytes), then closes the connection: for a malformed header (wrong length,
 *       a reserved flag set, a negative count), a header whose mode does not match the server's (bit 1 set for
 *       a sink, bit 0 for an echo server), or more data than the header announced.</li>
 * </ul>
 *
 * <p>A first message that does not begin with {@code "UXPT"} is data: a sink server then hashes everything
 * and logs the digest when the connection closes, so any UXP client is served.
 */
public final class TransferProtocol {

    /** "UXPT": a transfer header. */
    static final int HEADER_MAGIC = 0x5558_5054;
    /** "UXPR": a receipt. */
    static final int RECEIPT_MAGIC = 0x5558_5052;
    /** "UXPE": the server refuses the transfer; a UTF-8 reason follows. */
    static final int REFUSAL_MAGIC = 0x5558_5045;
    /** Header length: magic (4) + flags (4) + length (8). */
    static final int HEADER_BYTES = 16;
    /** SHA-256 output length (FIPS 180-4). */
    static final int DIGEST_BYTES = 32;
    /** Receipt length: magic (4) + reserved (4) + count (8) + digest (32). */
    static final int RECEIPT_BYTES = 48;
    /** Header flag, bit 0: answer with a receipt once all data arrived (a sink server). */
    static final int FLAG_WANT_RECEIPT = 1;
    /** Header flag, bit 1: the client expects every message back (an echo server). */
    static final int FLAG_ECHO = 2;
    /**
     * Header flag, bit 2: the client computes no SHA-256 (it measures the transport, not the data); a sink's
     * receipt then carries the byte count and 32 zero bytes.
     */
    static final int FLAG_NO_DIGEST = 4;
    /** The flags a header may carry; the others are reserved. */
    static final int KNOWN_FLAGS = FLAG_WANT_RECEIPT | FLAG_ECHO | FLAG_NO_DIGEST;
    /** Longest reason of a refusal, in UTF-8 bytes. */
    static final int MAX_REASON_BYTES = 256;
    /** Largest data message the client sends; the connection's own maximum may be smaller. */
    static final int CHUNK_BYTES = 16 * 1024;

    private TransferProtocol() {
    }

    /**
     * @param length the data bytes that follow
     * @param echo whether the client expects an echo server (flag bit 1) rather than a receipt (bit 0)
     * @param digest whether the client hashes the data (else flag bit 2)
     * @return the header
     */
    static ByteBuffer header(long length, boolean echo, boolean digest) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES);
        int flags = (echo ? FLAG_ECHO : FLAG_WANT_RECEIPT) | (digest ? 0 : FLAG_NO_DIGEST);
        b.putInt(HEADER_MAGIC).putInt(flags).putLong(length).flip();
        return b;
    }

    /** @return whether {@code message} claims to be a header: it begins with the magic */
    static boolean claimsHeader(ByteBuffer message) {
        return message.remaining() >= Integer.BYTES && message.getInt(message.position()) == HEADER_MAGIC;
    }

    /** @return whether {@code message} is a well-formed header */
    static boolean isHeader(ByteBuffer message) {
        return claimsHeader(message) && headerProblem(message) == null;
    }

    /**
     * @param message a message that {@link #claimsHeader claims to be a header}
     * @return what is wrong with it, for the refusal and the server's log, or {@code null} if it is well formed
     */
    static String headerProblem(ByteBuffer message) {
        if (message.remaining() != HEADER_BYTES) {
            return "the transfer header is " + message.remaining() + " bytes, must be " + HEADER_BYTES
                    + " (\"UXPT\", 4 bytes of flags, 8 bytes of count, big-endian)";
        }
        int flags = message.getInt(message.position() + 4);
        if ((flags & ~KNOWN_FLAGS) != 0) {
            return String.format(Locale.ROOT, "the transfer header's flags are 0x%08x: bits beyond 0 to 2 are "
                    + "reserved and must be zero (flags are an unsigned 32-bit big-endian integer; written "
                    + "little-endian, flag 1 reads 0x01000000)", flags);
        }
        long count = message.getLong(message.position() + 8);
        if (count < 0) {
            return String.format(Locale.ROOT, "the transfer header's byte count 0x%016x is negative (it is a "
                    + "64-bit big-endian integer from 0 to 2^63-1; was it written little-endian?)", count);
        }
        return null;
    }

    /** @return the flags of a well-formed header */
    static int flags(ByteBuffer header) {
        return header.getInt(header.position() + 4);
    }

    /** @return the byte count of a well-formed header */
    static long count(ByteBuffer header) {
        return header.getLong(header.position() + 8);
    }

    static ByteBuffer receipt(long count, byte[] digest) {
        ByteBuffer b = ByteBuffer.allocate(RECEIPT_BYTES);
        b.putInt(RECEIPT_MAGIC).putInt(0).putLong(count).put(digest).flip();
        return b;
    }

    static boolean isReceipt(ByteBuffer message) {
        return message.remaining() == RECEIPT_BYTES && message.getInt(message.position()) == RECEIPT_MAGIC;
    }

    /**
     * @param reason why the server refuses, in words a user can act on; cut to {@link #MAX_REASON_BYTES}
     * @return the refusal message
     */
    static ByteBuffer refusal(String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(text.length, MAX_REASON_BYTES);
        return ByteBuffer.allocate(Integer.BYTES + n).putInt(REFUSAL_MAGIC).put(text, 0, n).flip();
    }

    /** @return the reason of a refusal, or {@code null} if {@code message} is none */
    static String refusalReason(ByteBuffer message) {
        if (message.remaining() < Integer.BYTES || message.remaining() > Integer.BYTES + MAX_REASON_BYTES
                || message.getInt(message.position()) != REFUSAL_MAGIC) {
            return null;
        }
        ByteBuffer text = message.duplicate().position(message.position() + Integer.BYTES);
        return StandardCharsets.UTF_8.decode(text).toString();
    }

    /**
     * @param digest a SHA-256 value
     * @return lowercase hex
     */
    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /**
     * @param connectionId a connection ID
     * @return it as 16 hex digits, unsigned, the way the CLI prints every connection ID
     */
    public static String id(long connectionId) {
        return String.format(Locale.ROOT, "%016x", connectionId);
    }
}
