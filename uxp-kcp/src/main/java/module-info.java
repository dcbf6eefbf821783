/**
 * The KCP ARQ engine, wire-compatible with the reference KCP, and its congestion-control providers
 * {@code kcp} (the reference behaviour) and {@code fixed} (window-limited only, the reference's nc=1).
 */
module io.uxp.kcp {
    requires transitive io.uxp.api;

    exports io.uxp.kcp;

    provides io.uxp.api.spi.CongestionControlProvider
            with io.uxp.kcp.cc.KcpCongestionProvider, io.uxp.kcp.cc.FixedCongestionProvider;
}
