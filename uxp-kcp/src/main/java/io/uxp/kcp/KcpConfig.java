package io.uxp.kcp;

/**
 * Settings of one {@link KcpEngine}. Defaults ({@link #defaults()}) are the reference KCP's ({@code ikcp_create}).
 * Both peers of a conversation must agree on {@code mtuBytes} only loosely (each side's segments fit its own
 * MTU) and on {@code streamMode} exactly.
 *
 * @param mtuBytes largest KCP datagram, in bytes, excluding {@code headroomBytes} and {@code tailroomBytes}
 *     (reference {@code mtu}, default 1400, at least 50); the segment payload limit (mss) is this minus 24
 * @param sendWindow local send window, in segments (reference {@code snd_wnd}, default 32)
 * @param receiveWindow local receive window, in segments, advertised to the peer as free space
 *     (reference {@code rcv_wnd}, default 128)
 * @param nodelayMode the reference's {@code nodelay} level, default 0: 0 waits an extra {@code rto/8} before the
 *     first retransmission and backs off by {@code rto += max(rto, rx_rto)}; 1 and 2 drop the extra wait and back
 *     off by {@code rto += rto/2} (1) or {@code rto += rx_rto/2} (2) ({@code ikcp_flush})
 * @param intervalMillis flush interval of {@link KcpEngine#update} (reference {@code interval}, default 100;
 *     accepted 1..5000)
 * @param fastResend number of later segments acknowledged that triggers a fast retransmit, 0 = off
 *     (reference {@code fastresend}, default 0)
 * @param fastResendLimit most transmissions of one segment after which fast retransmit no longer applies,
 *     0 = no limit (reference {@code fastlimit}, default 5)
 * @param streamMode byte-stream mode: small writes coalesce into segments and boundaries are not kept
 *     (reference {@code stream}, default off)
 * @param deadLinkThreshold transmissions of one segment after which the link counts as dead
 *     (reference {@code dead_link}, default 20); with time-based loss detection only its first transmission and
 *     its retransmissions by timeout count
 * @param minRtoMillis lower bound of the retransmission timeout (reference {@code rx_minrto}, 100, or 30 with
 *     nodelay when set through {@link #withNodelay})
 * @param headroomBytes bytes left free before each output datagram for later stages (FEC, record header)
 * @param tailroomBytes bytes left free after each output datagram for later stages (AEAD tag)
 * @param timeLossDetection the engine's modern mode: time-based loss detection in the manner of RACK (RFC 8985)
 *     instead of duplicate-acknowledgement fast retransmit, an RTO of {@code srtt + 4 rttvar + interval} from each
 *     actual transmission, and a congestion window that counts segments in flight rather than {@code nxt - una}
 *     (see {@link KcpEngine}); default off, the reference behaviour
 * @param reorderWindowMinMillis floor of the RACK reordering window, in milliseconds, default 0; the runtime sets
 *     it to cover the delay of FEC recovery so that a rebuilt segment is not declared lost (modern mode only)
 */
public record KcpConfig(
        int mtuBytes,
        int sendWindow,
        int receiveWindow,
        int nodelayMode,
        int intervalMillis,
        int fastResend,
        int fastResendLimit,
        boolean streamMode,
        int deadLinkThreshold,
        int minRtoMillis,
        int headroomBytes,
        int tailroomBytes,
        boolean timeLossDetection,
        int reorderWindowMinMillis) {

    /** Default MTU (reference IKCP_MTU_DEF). */
    public static final int DEFAULT_MTU_BYTES = 1400;
    /** Smallest MTU (reference {@code ikcp_setmtu} refuses less than 50). */
    public static final int MIN_MTU_BYTES = 50;
    /** Largest MTU: a UDP payload can be no longer. */
    public static final int MAX_MTU_BYTES = 65_507;
    /** Default send window (reference IKCP_WND_SND). */
    public static final int DEFAULT_SEND_WINDOW = 32;
    /** Default receive window (reference IKCP_WND_RCV). */
    public static final int DEFAULT_RECEIVE_WINDOW = 128;
    /** Largest window: the wire's {@code wnd} field is 16 bits. */
    public static final int MAX_WINDOW = 0xFFFF;
    /** Default flush interval (reference IKCP_INTERVAL). */
    public static final int DEFAULT_INTERVAL_MILLIS = 100;
    /** Largest flush interval (reference {@code ikcp_nodelay} clamps to 5000). */
    public static final int MAX_INTERVAL_MILLIS = 5000;
    /** Default fast-retransmit limit (reference IKCP_FASTACK_LIMIT). */
    public static final int DEFAULT_FAST_RESEND_LIMIT = 5;
    /** Default dead-link threshold (reference IKCP_DEADLINK). */
    public static final int DEFAULT_DEAD_LINK_THRESHOLD = 20;
    /** Minimum RTO without nodelay (reference IKCP_RTO_MIN). */
    public static final int DEFAULT_MIN_RTO_MILLIS = 100;
    /** Minimum RTO with nodelay (reference IKCP_RTO_NDL). */
    public static final int NODELAY_MIN_RTO_MILLIS = 30;
    /** Largest RTO (reference IKCP_RTO_MAX). */
    public static final int MAX_RTO_MILLIS = 60_000;
    /** Most aggressive nodelay level (reference {@code ikcp_flush}: any {@code nodelay >= 2} backs off by rx_rto/2). */
    public static final int MAX_NODELAY_MODE = 2;
    /** Most room reserved around a datagram, before or after. */
    public static final int MAX_RESERVED_BYTES = 4096;

    private static final KcpConfig DEFAULTS = new KcpConfig(DEFAULT_MTU_BYTES, DEFAULT_SEND_WINDOW,
            DEFAULT_RECEIVE_WINDOW, 0, DEFAULT_INTERVAL_MILLIS, 0, DEFAULT_FAST_RESEND_LIMIT, false,
            DEFAULT_DEAD_LINK_THRESHOLD, DEFAULT_MIN_RTO_MILLIS, 0, 0, false, 0);

    /** Validates every field; the message names the field, its range and the value given. */
    public KcpConfig {
        range("mtuBytes", mtuBytes, MIN_MTU_BYTES, MAX_MTU_BYTES);
        range("sendWindow", sendWindow, 1, MAX_WINDOW);
        range("receiveWindow", receiveWindow, 1, MAX_WINDOW);
        range("nodelayMode", nodelayMode, 0, MAX_NODELAY_MODE);
        range("intervalMillis", intervalMillis, 1, MAX_INTERVAL_MILLIS);
        range("fastResend", fastResend, 0, Integer.MAX_VALUE);
        range("fastResendLimit", fastResendLimit, 0, Integer.MAX_VALUE);
        range("deadLinkThreshold", deadLinkThreshold, 1, Integer.MAX_VALUE);
        range("minRtoMillis", minRtoMillis, 1, MAX_RTO_MILLIS);
        range("headroomBytes", headroomBytes, 0, MAX_RESERVED_BYTES);
        range("tailroomBytes", tailroomBytes, 0, MAX_RESERVED_BYTES);
        range("reorderWindowMinMillis", reorderWindowMinMillis, 0, MAX_RTO_MILLIS);
    }

    private static void range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
    }

    /** @return the reference KCP's defaults, with no headroom or tailroom */
    public static KcpConfig defaults() {
        return DEFAULTS;
    }

    /** @return the largest segment payload, in bytes: {@code mtuBytes - 24} (reference {@code mss}) */
    public int mssBytes() {
        return mtuBytes - SegmentCodec.HEADER_BYTES;
    }

    /** @return whether a nodelay level above 0 is set (the reference's {@code nodelay != 0}) */
    public boolean nodelay() {
        return nodelayMode != 0;
    }

    /**
     * The reference's {@code ikcp_nodelay(nodelay, interval, resend, nc)} without {@code nc} (congestion control
     * is a provider choice, see {@link KcpProfile}): sets nodelay, the interval, fast resend, and the minimum RTO
     * that goes with nodelay (30 ms on, 100 ms off).
     *
     * @param nodelay the reference's {@code nodelay != 0}: level 1 when true, 0 when false
     * @param intervalMillis flush interval, 1..5000
     * @param fastResend fast-retransmit trigger, 0 = off
     * @return the changed copy
     */
    public KcpConfig withNodelay(boolean nodelay, int intervalMillis, int fastResend) {
        return withNodelay(nodelay ? 1 : 0, intervalMillis, fastResend);
    }

    /**
     * The reference's {@code ikcp_nodelay(nodelay, interval, resend, nc)} without {@code nc}, with its three
     * levels: sets the level, the interval, fast resend, and the minimum RTO (30 ms for levels 1 and 2, 100 ms
     * for 0).
     *
     * @param nodelayMode 0, 1 or 2 (see {@link #nodelayMode()})
     * @param intervalMillis flush interval, 1..5000
     * @param fastResend fast-retransmit trigger, 0 = off
     * @return the changed copy
     */
    public KcpConfig withNodelay(int nodelayMode, int intervalMillis, int fastResend) {
        return new KcpConfig(mtuBytes, sendWindow, receiveWindow, nodelayMode, intervalMillis, fastResend,
                fastResendLimit, streamMode, deadLinkThreshold,
                nodelayMode != 0 ? NODELAY_MIN_RTO_MILLIS : DEFAULT_MIN_RTO_MILLIS, headroomBytes, tailroomBytes,
                timeLossDetection, reorderWindowMinMillis);
    }

    /**
     * @param mtu the new MTU (reference {@code ikcp_setmtu})
     * @return the changed copy
     */
    public KcpConfig withMtuBytes(int mtu) {
        return new KcpConfig(mtu, sendWindow, receiveWindow, nodelayMode, intervalMillis, fastResend,
                fastResendLimit, streamMode, deadLinkThreshold, minRtoMillis, headroomBytes, tailroomBytes,
                timeLossDetection, reorderWindowMinMillis);
    }

    /**
     * The reference's {@code ikcp_wndsize}.
     *
     * @param send send window, in segments
     * @param receive receive window, in segments
     * @return the changed copy
     */
    public KcpConfig withWindows(int send, int receive) {
        return new KcpConfig(mtuBytes, send, receive, nodelayMode, intervalMillis, fastResend, fastResendLimit,
                streamMode, deadLinkThreshold, minRtoMillis, headroomBytes, tailroomBytes, timeLossDetection,
                reorderWindowMinMillis);
    }

    /**
     * @param stream whether to run in stream mode
     * @return the changed copy
     */
    public KcpConfig withStreamMode(boolean stream) {
        return new KcpConfig(mtuBytes, sendWindow, receiveWindow, nodelayMode, intervalMillis, fastResend,
                fastResendLimit, stream, deadLinkThreshold, minRtoMillis, headroomBytes, tailroomBytes,
                timeLossDetection, reorderWindowMinMillis);
    }

    /**
     * @param limit fast-retransmit limit, 0 = none (reference {@code fastlimit})
     * @return the changed copy
     */
    public KcpConfig withFastResendLimit(int limit) {
        return new KcpConfig(mtuBytes, sendWindow, receiveWindow, nodelayMode, intervalMillis, fastResend, limit,
                streamMode, deadLinkThreshold, minRtoMillis, headroomBytes, tailroomBytes, timeLossDetection,
                reorderWindowMinMillis);
    }

    /**
     * @param threshold transmissions until dead (reference {@code dead_link})
     * @return the changed copy
     */
    public KcpConfig withDeadLinkThreshold(int threshold) {
        return new KcpConfig(mtuBytes, sendWindow, receiveWindow, nodelayMode, intervalMillis, fastResend,
                fastResendLimit, streamMode, threshold, minRtoMillis, headroomBytes, tailroomBytes,
                timeLossDetection, reorderWindowMinMillis);
    }

    /**
     * @param minRto lower bound of the RTO (reference {@code rx_minrto})
     * @return the changed copy
     */
    public KcpConfig withMinRtoMillis(int minRto) {
        return new KcpConfig(mtuBytes, sendWindow, receiveWindow, nodelayMode, intervalMillis, fastResend,
                fastResendLimit, streamMode, deadLinkThreshold, minRto, headroomBytes, tailroomBytes,
                timeLossDetection, reorderWindowMinMillis);
    }

    /**
     * Reserves room around every output datagram so later stages work in place (like kcp-go's ReserveBytes).
     *
     * @param headroom bytes before the datagram
     * @param tailroom bytes after the datagram
     * @return the changed copy
     */
    public KcpConfig withReservedBytes(int headroom, int tailroom) {
        return new KcpConfig(mtuBytes, sendWindow, receiveWindow, nodelayMode, intervalMillis, fastResend,
                fastResendLimit, streamMode, deadLinkThreshold, minRtoMillis, headroom, tailroom, timeLossDetection,
                reorderWindowMinMillis);
    }

    /**
     * @param on whether to run the engine's modern mode (see {@link #timeLossDetection()})
     * @return the changed copy
     */
    public KcpConfig withTimeLossDetection(boolean on) {
        return new KcpConfig(mtuBytes, sendWindow, receiveWindow, nodelayMode, intervalMillis, fastResend,
                fastResendLimit, streamMode, deadLinkThreshold, minRtoMillis, headroomBytes, tailroomBytes, on,
                reorderWindowMinMillis);
    }

    /**
     * @param floorMillis floor of the RACK reordering window, in milliseconds (see
     *     {@link #reorderWindowMinMillis()})
     * @return the changed copy
     */
    public KcpConfig withReorderWindowMinMillis(int floorMillis) {
        return new KcpConfig(mtuBytes, sendWindow, receiveWindow, nodelayMode, intervalMillis, fastResend,
                fastResendLimit, streamMode, deadLinkThreshold, minRtoMillis, headroomBytes, tailroomBytes,
                timeLossDetection, floorMillis);
    }
}
