package io.uxp.api;

/**
 * A provider was asked for by name and is not present, or two peers share none. The message names
 * what is present and which module to add.
 */
public final class ProviderNotFoundException extends UxpException {
    private static final long serialVersionUID = 1L;

    /** @param message what was asked for, what is present, and the module to add */
    public ProviderNotFoundException(String message) {
        super(message);
    }
}
