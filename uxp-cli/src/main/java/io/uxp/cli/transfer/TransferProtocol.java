package io.uxp.cli.transfer;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * The tiny application protocol {@code uxp client} speaks to {@code uxp server} over a UXP connection in
 * message mode, so that the client can verify a transfer.
 *
 * <p>The client's first message is a 16-byte header: the magic {@code "UXPT"}, 4 bytes of flags (bit 0:
 * the client wants a digest), and the number of data bytes that follow, 8 bytes big-endian. A sink server
 * hashes those bytes and, when all arrived and bit 0 is set, answers with a 48-byte receipt: the magic
 * {@code "UXPR"}, 4 zero bytes, the byte count (8 bytes) and the SHA-256 of the bytes (32 bytes). An echo
 * server sends every message back unchanged, header included, and the client hashes what comes back.
 * A peer that sends no header is served too: a sink server then hashes everything and logs the digest when
 * the connection closes.
 */
public final class TransferProtocol {

    /** "UXPT": a transfer header. */
    static final int HEADER_MAGIC = 0x5558_5054;
    /** "UXPR": a receipt. */
    static final int RECEIPT_MAGIC = 0x5558_5052;
    /** Header length: magic (4) + flags (4) + length (8). */
    static final int HEADER_BYTES = 16;
    /** SHA-256 output length (FIPS 180-4). */
    static final int DIGEST_BYTES = 32;
    /** Receipt length: magic (4) + reserved (4) + count (8) + digest (32). */
    static final int RECEIPT_BYTES = 48;
    /** Header flag: answer with a receipt once all data arrived. */
    static final int FLAG_WANT_RECEIPT = 1;
    /** Largest data message the client sends; the connection's own maximum may be smaller. */
    static final int CHUNK_BYTES = 16 * 1024;

    private TransferProtocol() {
    }

    static ByteBuffer header(long length, boolean wantReceipt) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES);
        b.putInt(HEADER_MAGIC).putInt(wantReceipt ? FLAG_WANT_RECEIPT : 0).putLong(length).flip();
        return b;
    }

    static boolean isHeader(ByteBuffer message) {
        return message.remaining() == HEADER_BYTES && message.getInt(message.position()) == HEADER_MAGIC;
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
     * @param digest a SHA-256 value
     * @return lowercase hex
     */
    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
