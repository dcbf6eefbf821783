package io.uxp.api;

/**
 * A message was longer than the connection can carry. The maximum depends on the MTU, the negotiated
 * cipher and FEC overheads and the receive window; {@link #maxBytes()} states it.
 */
public final class MessageTooLargeException extends UxpException {
    private static final long serialVersionUID = 1L;

    private final int length;
    private final int maxBytes;

    /**
     * @param length the length that was refused, in bytes
     * @param maxBytes the largest length the connection accepts, in bytes
     */
    public MessageTooLargeException(int length, int maxBytes) {
        super("message of " + length + " bytes exceeds the maximum of " + maxBytes
                + " bytes for this connection; split it, use stream mode, or raise the window or MTU");
        this.length = length;
        this.maxBytes = maxBytes;
    }

    /** @return the refused length, in bytes */
    public int length() {
        return length;
    }

    /** @return the largest message the connection accepts, in bytes */
    public int maxBytes() {
        return maxBytes;
    }
}
