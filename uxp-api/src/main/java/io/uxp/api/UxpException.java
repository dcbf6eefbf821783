package io.uxp.api;

/**
 * Root of UXP's exceptions. Unchecked: the errors it reports (a refused message, a failed handshake,
 * a missing provider) are programming or configuration errors, or arrive through a
 * {@link java.util.concurrent.CompletableFuture}.
 */
public class UxpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong and, where known, how to fix it */
    public UxpException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and, where known, how to fix it
     * @param cause the underlying error
     */
    public UxpException(String message, Throwable cause) {
        super(message, cause);
    }
}
