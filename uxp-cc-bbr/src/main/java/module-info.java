/**
 * UXP's default congestion control, wire name {@code bbr}: a model-based controller in the manner of BBR that
 * paces at the estimated bottleneck bandwidth and bounds the window by the estimated bandwidth-delay product.
 * Exports nothing; the runtime finds it through {@link java.util.ServiceLoader}.
 */
module io.uxp.cc.bbr {
    requires io.uxp.api;

    provides io.uxp.api.spi.CongestionControlProvider with io.uxp.cc.bbr.BbrCongestionProvider;
}
