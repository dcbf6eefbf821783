/**
 * The KCP ARQ engine: {@link io.uxp.kcp.KcpEngine}, configured by {@link io.uxp.kcp.KcpConfig} (or a
 * {@link io.uxp.kcp.KcpProfile} mapping the reference's {@code ikcp_nodelay}), emitting datagrams through a
 * {@link io.uxp.kcp.KcpOutput}. Wire-compatible with the reference KCP ({@code ikcp.c}) and kcp-go.
 */
package io.uxp.kcp;
