/**
 * UXP's public API and its provider SPIs.
 *
 * <p>{@code io.uxp.api} holds what applications touch: {@link io.uxp.api.Connection}, the handlers,
 * stats snapshots and exceptions. {@code io.uxp.api.spi} holds what providers implement: ciphers,
 * forward error correction and congestion control, found at run time by {@link java.util.ServiceLoader}
 * through {@link io.uxp.api.spi.ProviderRegistry}. This module depends on nothing but {@code java.base}.
 */
module io.uxp.api {
    exports io.uxp.api;
    exports io.uxp.api.spi;

    uses io.uxp.api.spi.CipherProvider;
    uses io.uxp.api.spi.FecProvider;
    uses io.uxp.api.spi.CongestionControlProvider;
}
