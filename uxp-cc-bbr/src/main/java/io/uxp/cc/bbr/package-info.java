/**
 * The {@code bbr} congestion control: {@link io.uxp.cc.bbr.BbrCongestionProvider} and its per-connection state
 * machine. Not exported: found through {@link java.util.ServiceLoader} by {@link io.uxp.api.spi.ProviderRegistry}.
 * See the module's README.md for the model, the states, the parameters and where they come from.
 */
package io.uxp.cc.bbr;
