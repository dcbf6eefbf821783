package io.uxp.runtime;

import io.uxp.api.DeliveryMode;
import java.util.Objects;

/**
 * Per-connection transport settings. The windows are maxima, not the amount in flight: the congestion controller
 * (by default {@code bbr}) keeps about two bandwidth-delay products in flight; the receive window advertised to the
 * peer starts at 512 segments and doubles ahead of what the peer uses (halving again after a transfer); the
 * back-pressure limit on sends is what is in flight plus two congestion windows; and the buffers grow only as far
 * as that needs and shrink when idle (docs/RUNTIME.md, "Memory per connection"). The default windows fill a
 * 100 MiB/s x 100 ms path:
 * 10.5 MB, about 7,800 segments of 1.35 KB, so 8,192 segments (docs/RUNTIME.md, "Defaults and why"). A client uses
 * its own settings; a server applies its settings to every connection it accepts.
 *
 * @param deliveryMode whether messages keep their boundaries ({@link DeliveryMode#MESSAGE}) or form a
 *     byte stream; both peers must use the same mode
 * @param sendWindow KCP send window, in segments: the most numbered into flight and the most queued by sends
 * @param receiveWindow KCP receive window, in segments: the most advertised to the peer and held out of order
 * @param mtuBytes largest UDP payload per datagram, every header included, in bytes
 * @param intervalMillis KCP update interval, in milliseconds (the ancestor offered 5, 10 or 15)
 * @param nodelay KCP nodelay level, the reference's {@code ikcp_nodelay} values: 0 off (minimum RTO 100 ms, a
 *     timed-out segment's RTO doubles), 1 (minimum RTO 30 ms, it grows by half of its own value), 2 (minimum RTO
 *     30 ms, it grows by half of the current RTO estimate)
 * @param fastResend duplicate acknowledgements that trigger a fast retransmission; 0 turns it off
 * @param deadLinkThreshold transmissions of one segment without acknowledgement after which the connection
 *     closes with {@code DEAD_LINK} (the reference KCP's {@code dead_link}, 20)
 * @param keepaliveIntervalMillis a keepalive is sent when nothing else was sent for this long
 * @param idleTimeoutMillis the connection closes with {@code IDLE_TIMEOUT} when nothing authenticated
 *     arrived for this long; must exceed the keepalive interval so that a lost keepalive is survived
 * @param closeFlushTimeoutMillis how long a graceful close waits for queued data to be acknowledged
 *     before the close message is sent anyway
 * @param statusLogging whether the connection logs its KCP status through SLF4J every 5 seconds
 */
public record ConnectionSettings(
        DeliveryMode deliveryMode,
        int sendWindow,
        int receiveWindow,
        int mtuBytes,
        int intervalMillis,
        int nodelay,
        int fastResend,
        int deadLinkThreshold,
        long keepaliveIntervalMillis,
        long idleTimeoutMillis,
        long closeFlushTimeoutMillis,
        boolean statusLogging) {

    /**
     * Default window, in segments: twice the 7,800-segment BDP of 100 MiB/s x 100 ms. Under loss a sender's
     * window spans more than what is in flight: the oldest hole holds it back for the round trip of its
     * retransmission, and one more for each retransmission lost again (at 800 Mbit/s, 20 ms each way and 5 %
     * loss, 8,192 held goodput at 70 % of the link, 16,384 reaches 96 %: {@code BbrFastLossyPathSimulationTest}).
     * Memory follows use, not this maximum (docs/RUNTIME.md, "Memory per connection").
     */
    public static final int DEFAULT_WINDOW = 16_384;
    /** Default dead-link threshold, in transmissions of one segment: the reference KCP's {@code IKCP_DEADLINK}. */
    public static final int DEFAULT_DEAD_LINK_THRESHOLD = 20;
    /**
     * Default keepalive interval, in milliseconds: an idle connection wakes once per 5 s per side (10,000 idle
     * connections: 4,000 keepalives a second), and NAT mappings of 30 s and more stay open.
     */
    public static final long DEFAULT_KEEPALIVE_MILLIS = 5_000;
    /** Default idle timeout, in milliseconds: six keepalive intervals, as QUIC stacks' 30 s. */
    public static final long DEFAULT_IDLE_TIMEOUT_MILLIS = 30_000;
    /** Default MTU, in bytes: below 1,500-byte Ethernet minus IPv6 (40), UDP (8) and tunnel headers. */
    public static final int DEFAULT_MTU_BYTES = 1_400;
    /** Smallest MTU, in bytes: room for every header plus a useful payload. */
    public static final int MIN_MTU_BYTES = 576;
    /** Largest MTU, in bytes: the largest UDP payload over IPv4 (65,535 - 20 - 8). */
    public static final int MAX_MTU_BYTES = 65_507;
    /** Largest window, in segments: KCP advertises windows in 16 bits (reference KCP, wnd field). */
    public static final int MAX_WINDOW = 65_535;

    /** Highest nodelay level (reference KCP: {@code nodelay} 0, 1 or 2). */
    public static final int MAX_NODELAY = 2;

    /** Validates the values. */
    public ConnectionSettings {
        if (nodelay < 0 || nodelay > MAX_NODELAY) {
            throw new IllegalArgumentException("nodelay must be 0, 1 or 2 (the reference KCP's levels), got "
                    + nodelay);
        }
        Objects.requireNonNull(deliveryMode, "deliveryMode");
        if (sendWindow < 1 || sendWindow > MAX_WINDOW || receiveWindow < 1 || receiveWindow > MAX_WINDOW) {
            throw new IllegalArgumentException("windows must be 1 to " + MAX_WINDOW + " segments, got send "
                    + sendWindow + ", receive " + receiveWindow);
        }
        if (mtuBytes < MIN_MTU_BYTES || mtuBytes > MAX_MTU_BYTES) {
            throw new IllegalArgumentException("mtuBytes must be " + MIN_MTU_BYTES + " to " + MAX_MTU_BYTES
                    + ", got " + mtuBytes);
        }
        if (intervalMillis < 1 || intervalMillis > 5_000) {
            throw new IllegalArgumentException("intervalMillis must be 1 to 5000, got " + intervalMillis);
        }
        if (fastResend < 0) {
            throw new IllegalArgumentException("fastResend must be 0 (off) or positive, got " + fastResend);
        }
        if (deadLinkThreshold < 1) {
            throw new IllegalArgumentException("deadLinkThreshold must be at least 1, got " + deadLinkThreshold);
        }
        if (keepaliveIntervalMillis < 1 || idleTimeoutMillis <= keepaliveIntervalMillis) {
            throw new IllegalArgumentException("keepaliveIntervalMillis must be positive and idleTimeoutMillis "
                    + "larger (so a lost keepalive is survived), got " + keepaliveIntervalMillis + " and "
                    + idleTimeoutMillis);
        }
        if (closeFlushTimeoutMillis < 0) {
            throw new IllegalArgumentException("closeFlushTimeoutMillis must not be negative");
        }
    }

    /**
     * @return message mode, windows of 8,192 segments, MTU 1,400 bytes, 10 ms interval, nodelay level 1, fast resend
     *     after 2 duplicate acks, dead link after 20 transmissions of a segment, keepalive after 5 s of
     *     silence (well inside the 30 s or more that NATs keep a UDP mapping; WireGuard suggests 25 s), idle
     *     timeout 30 s (five keepalives in a row may be lost; QUIC stacks default to 30 s), close flush at most
     *     5 s, no status logging
     */
    public static ConnectionSettings defaults() {
        return new ConnectionSettings(DeliveryMode.MESSAGE, DEFAULT_WINDOW, DEFAULT_WINDOW, DEFAULT_MTU_BYTES, 10,
                1, 2, DEFAULT_DEAD_LINK_THRESHOLD, DEFAULT_KEEPALIVE_MILLIS,
                DEFAULT_IDLE_TIMEOUT_MILLIS, 5_000, false);
    }

    /**
     * @param mode the delivery mode
     * @return a copy with it
     */
    public ConnectionSettings withDeliveryMode(DeliveryMode mode) {
        return new ConnectionSettings(mode, sendWindow, receiveWindow, mtuBytes, intervalMillis, nodelay, fastResend,
                deadLinkThreshold, keepaliveIntervalMillis, idleTimeoutMillis, closeFlushTimeoutMillis,
                statusLogging);
    }

    /**
     * @param send send window, in segments
     * @param receive receive window, in segments
     * @return a copy with them
     */
    public ConnectionSettings withWindows(int send, int receive) {
        return new ConnectionSettings(deliveryMode, send, receive, mtuBytes, intervalMillis, nodelay, fastResend,
                deadLinkThreshold, keepaliveIntervalMillis, idleTimeoutMillis, closeFlushTimeoutMillis,
                statusLogging);
    }

    /**
     * @param mtu largest UDP payload, in bytes
     * @return a copy with it
     */
    public ConnectionSettings withMtuBytes(int mtu) {
        return new ConnectionSettings(deliveryMode, sendWindow, receiveWindow, mtu, intervalMillis, nodelay,
                fastResend, deadLinkThreshold, keepaliveIntervalMillis, idleTimeoutMillis, closeFlushTimeoutMillis,
                statusLogging);
    }

    /**
     * @param interval KCP update interval, in milliseconds
     * @return a copy with it
     */
    public ConnectionSettings withIntervalMillis(int interval) {
        return new ConnectionSettings(deliveryMode, sendWindow, receiveWindow, mtuBytes, interval, nodelay,
                fastResend, deadLinkThreshold, keepaliveIntervalMillis, idleTimeoutMillis, closeFlushTimeoutMillis,
                statusLogging);
    }

    /**
     * @param noDelay KCP nodelay on (level 1) or off (level 0)
     * @param resend fast-resend threshold (0 = off)
     * @return a copy with them
     */
    public ConnectionSettings withNodelay(boolean noDelay, int resend) {
        return withNodelay(noDelay ? 1 : 0, resend);
    }

    /**
     * @param level KCP nodelay level 0, 1 or 2 (see the class description)
     * @param resend fast-resend threshold (0 = off)
     * @return a copy with them
     */
    public ConnectionSettings withNodelay(int level, int resend) {
        return new ConnectionSettings(deliveryMode, sendWindow, receiveWindow, mtuBytes, intervalMillis, level,
                resend, deadLinkThreshold, keepaliveIntervalMillis, idleTimeoutMillis, closeFlushTimeoutMillis,
                statusLogging);
    }

    /**
     * @param threshold transmissions of one segment without acknowledgement before the link is declared dead
     * @return a copy with it
     */
    public ConnectionSettings withDeadLinkThreshold(int threshold) {
        return new ConnectionSettings(deliveryMode, sendWindow, receiveWindow, mtuBytes, intervalMillis, nodelay,
                fastResend, threshold, keepaliveIntervalMillis, idleTimeoutMillis, closeFlushTimeoutMillis,
                statusLogging);
    }

    /**
     * @param keepalive keepalive interval, in milliseconds
     * @param idle idle timeout, in milliseconds (larger than {@code keepalive})
     * @return a copy with them
     */
    public ConnectionSettings withKeepalive(long keepalive, long idle) {
        return new ConnectionSettings(deliveryMode, sendWindow, receiveWindow, mtuBytes, intervalMillis, nodelay,
                fastResend, deadLinkThreshold, keepalive, idle, closeFlushTimeoutMillis, statusLogging);
    }

    /**
     * @param flush close flush bound, in milliseconds
     * @return a copy with it
     */
    public ConnectionSettings withCloseFlushTimeoutMillis(long flush) {
        return new ConnectionSettings(deliveryMode, sendWindow, receiveWindow, mtuBytes, intervalMillis, nodelay,
                fastResend, deadLinkThreshold, keepaliveIntervalMillis, idleTimeoutMillis, flush, statusLogging);
    }

    /**
     * @param on whether to log KCP status every 5 s
     * @return a copy with it
     */
    public ConnectionSettings withStatusLogging(boolean on) {
        return new ConnectionSettings(deliveryMode, sendWindow, receiveWindow, mtuBytes, intervalMillis, nodelay,
                fastResend, deadLinkThreshold, keepaliveIntervalMillis, idleTimeoutMillis, closeFlushTimeoutMillis,
                on);
    }
}
