package io.uxp.runtime.session;

import io.uxp.api.spi.ProviderKind;
import io.uxp.api.spi.ProviderRegistry;

/**
 * A provider (cipher, FEC, congestion control) threw on a connection's packet path. The pipeline wraps what the
 * provider threw in this, naming the provider, its module and the call, and the connection closes with a
 * {@link io.uxp.api.CloseCause} of kind {@code LOCAL_ERROR} carrying {@link #getMessage()}: only that connection,
 * never its worker. Thrown only on that rare path; nothing is allocated while providers behave.
 */
final class ProviderFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private ProviderFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * @param kind the provider's kind
     * @param name its wire name
     * @param provider the provider (or the object it made), for its module
     * @param call the SPI method that threw, e.g. {@code "PacketSealer.seal"}
     * @param cause what it threw
     * @return the failure to throw
     */
    static ProviderFailure of(ProviderKind kind, String name, Object provider, String call, Throwable cause) {
        return new ProviderFailure(kind.label() + " provider '" + name + "' (" + ProviderRegistry.origin(provider)
                + ") threw " + cause + " in " + call, cause);
    }
}
