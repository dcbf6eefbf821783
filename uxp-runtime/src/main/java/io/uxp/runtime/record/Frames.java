package io.uxp.runtime.record;

import java.nio.charset.StandardCharsets;

/**
 * The frames inside a record's plaintext (docs/PROTOCOL.md section 10): a sequence of
 * {@code PADDING | DATA | KEEPALIVE | CLOSE | PATH_CHALLENGE | PATH_RESPONSE}. Writers work in place; {@link #read} walks a plaintext and
 * calls a {@link Handler}, rejecting anything malformed as a whole before a single callback.
 */
public final class Frames {

    /** Zero bytes to the end of the plaintext. */
    public static final int PADDING = 0x00;
    /** {@code 0x01 | length(2) | bytes}: bytes for the connection's pipeline (KCP, FEC). */
    public static final int DATA = 0x01;
    /** {@code 0x02}: keeps the connection alive; elicits no answer. */
    public static final int KEEPALIVE = 0x02;
    /** {@code 0x03 | code(1) | length(1) | UTF-8 detail}: the sender closes the connection. */
    public static final int CLOSE = 0x03;
    /** {@code 0x04 | data(8)}: asks the receiver to echo the data (path validation, as RFC 9000 section 19.17). */
    public static final int PATH_CHALLENGE = 0x04;
    /** {@code 0x05 | data(8)}: echoes a PATH_CHALLENGE's data (RFC 9000 section 19.18). */
    public static final int PATH_RESPONSE = 0x05;
    /** Bytes of a PATH_CHALLENGE or PATH_RESPONSE frame: the type and 8 bytes of data. */
    public static final int PATH_FRAME_BYTES = 9;
    /** Bytes before a DATA frame's content. */
    public static final int DATA_HEADER_BYTES = 3;
    /** Bytes before a CLOSE frame's detail: type, code, detail length. */
    public static final int CLOSE_HEADER_BYTES = 3;
    /** Longest CLOSE detail, in bytes. */
    public static final int MAX_CLOSE_DETAIL_BYTES = 255;

    /** Close code: the application closed the connection. */
    public static final int CLOSE_NORMAL = 0;
    /** Close code: the server is shutting down. */
    public static final int CLOSE_SERVER_SHUTDOWN = 1;
    /** Close code: the peer violated the protocol. */
    public static final int CLOSE_PROTOCOL_ERROR = 2;
    /** Close code: nothing arrived within the idle timeout. */
    public static final int CLOSE_IDLE_TIMEOUT = 3;
    /** Close code: an internal error or an exhausted key. */
    public static final int CLOSE_INTERNAL_ERROR = 4;

    private static final int MAX_U16 = 0xFFFF;

    private Frames() {
    }

    /** Receives the frames of one authenticated plaintext. */
    public interface Handler {
        /**
         * @param buffer the buffer
         * @param offset start of the DATA content
         * @param length its length
         */
        void onData(byte[] buffer, int offset, int length);

        /** A KEEPALIVE frame. */
        void onKeepalive();

        /**
         * @param code the close code
         * @param detail the sender's explanation, possibly empty
         */
        void onClose(int code, String detail);

        /**
         * A PATH_CHALLENGE frame. The default ignores it, for handlers that only read data (a connection's
         * pipeline answers it).
         *
         * @param data the challenge's 8 bytes, big-endian
         */
        default void onPathChallenge(long data) {
        }

        /**
         * A PATH_RESPONSE frame. The default ignores it, like {@link #onPathChallenge}.
         *
         * @param data the response's 8 bytes, big-endian
         */
        default void onPathResponse(long data) {
        }
    }

    /**
     * Writes a DATA frame header before content already at {@code offset + DATA_HEADER_BYTES}.
     *
     * @param buffer the buffer
     * @param offset where the frame starts
     * @param length the content length, at most 65,535
     * @return the frame's total length
     */
    public static int writeDataHeader(byte[] buffer, int offset, int length) {
        if (length < 0 || length > MAX_U16) {
            throw new IllegalArgumentException("DATA frame content must be 0..65535 bytes, got " + length);
        }
        buffer[offset] = DATA;
        buffer[offset + 1] = (byte) (length >>> 8);
        buffer[offset + 2] = (byte) length;
        return DATA_HEADER_BYTES + length;
    }

    /**
     * @param buffer the buffer
     * @param offset where the frame goes
     * @return the frame's length, 1
     */
    public static int writeKeepalive(byte[] buffer, int offset) {
        buffer[offset] = KEEPALIVE;
        return 1;
    }

    /**
     * Writes a PATH_CHALLENGE or PATH_RESPONSE frame.
     *
     * @param buffer the buffer, with room for {@link #PATH_FRAME_BYTES}
     * @param offset where the frame goes
     * @param type {@link #PATH_CHALLENGE} or {@link #PATH_RESPONSE}
     * @param data the 8 bytes, written big-endian
     * @return the frame's length, {@link #PATH_FRAME_BYTES}
     */
    public static int writePath(byte[] buffer, int offset, int type, long data) {
        if (type != PATH_CHALLENGE && type != PATH_RESPONSE) {
            throw new IllegalArgumentException("not a path frame type: " + type);
        }
        buffer[offset] = (byte) type;
        for (int i = 0; i < Long.BYTES; i++) {
            buffer[offset + 1 + i] = (byte) (data >>> (Long.SIZE - Byte.SIZE * (i + 1)));
        }
        return PATH_FRAME_BYTES;
    }

    /**
     * @param buffer the buffer, with room for {@link #CLOSE_HEADER_BYTES} plus the detail's bytes
     * @param offset where the frame goes
     * @param code the close code, 0..255
     * @param detail a short explanation; truncated to 255 bytes
     * @return the frame's length
     */
    public static int writeClose(byte[] buffer, int offset, int code, String detail) {
        byte[] text = detail.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(text.length, MAX_CLOSE_DETAIL_BYTES);
        buffer[offset] = CLOSE;
        buffer[offset + 1] = (byte) code;
        buffer[offset + 2] = (byte) n;
        System.arraycopy(text, 0, buffer, offset + CLOSE_HEADER_BYTES, n);
        return CLOSE_HEADER_BYTES + n;
    }

    /**
     * Checks a whole plaintext, then reports its frames in order.
     *
     * @param buffer the buffer
     * @param offset start of the plaintext
     * @param length its length
     * @param handler receives the frames
     * @return {@code false} (and no callback) if any frame is malformed or the plaintext is empty
     */
    public static boolean read(byte[] buffer, int offset, int length, Handler handler) {
        if (length < 1 || !walk(buffer, offset, length, null)) {
            return false;
        }
        return walk(buffer, offset, length, handler);
    }

    private static boolean walk(byte[] buffer, int offset, int length, Handler handler) {
        int p = offset;
        int end = offset + length;
        while (p < end) {
            int type = buffer[p] & 0xFF;
            switch (type) {
                case PADDING -> {
                    for (int i = p; i < end; i++) {
                        if (buffer[i] != 0) {
                            return false;
                        }
                    }
                    return true;
                }
                case DATA -> {
                    if (end - p < DATA_HEADER_BYTES) {
                        return false;
                    }
                    int n = ((buffer[p + 1] & 0xFF) << 8) | (buffer[p + 2] & 0xFF);
                    if (end - p - DATA_HEADER_BYTES < n) {
                        return false;
                    }
                    if (handler != null) {
                        handler.onData(buffer, p + DATA_HEADER_BYTES, n);
                    }
                    p += DATA_HEADER_BYTES + n;
                }
                case KEEPALIVE -> {
                    if (handler != null) {
                        handler.onKeepalive();
                    }
                    p++;
                }
                case CLOSE -> {
                    if (end - p < CLOSE_HEADER_BYTES || end - p - CLOSE_HEADER_BYTES < (buffer[p + 2] & 0xFF)) {
                        return false;
                    }
                    int n = buffer[p + 2] & 0xFF;
                    if (handler != null) {
                        handler.onClose(buffer[p + 1] & 0xFF,
                                new String(buffer, p + CLOSE_HEADER_BYTES, n, StandardCharsets.UTF_8));
                    }
                    p += CLOSE_HEADER_BYTES + n;
                }
                case PATH_CHALLENGE, PATH_RESPONSE -> {
                    if (end - p < PATH_FRAME_BYTES) {
                        return false;
                    }
                    if (handler != null) {
                        long data = pathData(buffer, p + 1);
                        if (type == PATH_CHALLENGE) {
                            handler.onPathChallenge(data);
                        } else {
                            handler.onPathResponse(data);
                        }
                    }
                    p += PATH_FRAME_BYTES;
                }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    private static long pathData(byte[] buffer, int offset) {
        long v = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            v = (v << Byte.SIZE) | (buffer[offset + i] & 0xFF);
        }
        return v;
    }
}
