/**
 * The congestion-control providers of the KCP engine, {@code kcp} and {@code fixed}. Not exported: found through
 * {@link java.util.ServiceLoader} by {@link io.uxp.api.spi.ProviderRegistry}.
 */
package io.uxp.kcp.cc;
