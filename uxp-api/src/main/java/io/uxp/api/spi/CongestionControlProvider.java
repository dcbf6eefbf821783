package io.uxp.api.spi;

/**
 * A congestion control algorithm for the KCP engine. Found by {@link java.util.ServiceLoader}.
 * Implementations are stateless and thread-safe; the per-connection state lives in the
 * {@link CongestionController}.
 */
public interface CongestionControlProvider {

    /** @return the stable wire name, for example {@code kcp} or {@code fixed}; at most 32 ASCII bytes */
    String name();

    /**
     * @param mssBytes the connection's maximum segment payload, in bytes
     * @return a controller for one connection
     */
    CongestionController newController(int mssBytes);
}
