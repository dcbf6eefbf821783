package io.uxp.runtime.session;

import io.uxp.api.DeliveryMode;
import io.uxp.api.NegotiatedSuite;
import io.uxp.api.spi.CipherProvider;
import io.uxp.api.spi.ProviderRegistry;
import io.uxp.kcp.KcpConfig;
import io.uxp.runtime.ConnectionSettings;
import io.uxp.runtime.record.Frames;
import io.uxp.runtime.record.RecordHeader;

/**
 * How a connection's data datagram is laid out, and the KCP and FEC configuration that follows from it: KCP writes
 * its datagram behind {@code beforeFecBytes + fecBytes} of headroom (record header, cipher prefix, DATA frame
 * header, FEC header) and leaves {@code suffixBytes} of tailroom, so that each layer below it writes its header
 * and the cipher seals where KCP wrote.
 *
 * @param beforeFecBytes the record header, the cipher's prefix and the DATA frame header
 * @param fecBytes the FEC header; 0 without FEC
 * @param suffixBytes the cipher's suffix (its tag)
 * @param kcpMtuBytes what is left of the MTU for a KCP datagram
 */
record PacketLayout(int beforeFecBytes, int fecBytes, int suffixBytes, int kcpMtuBytes) {

    /** Reordering tolerated beyond RACK's own window, in milliseconds: thread wake-ups and socket queues. */
    private static final int REORDER_SLACK_MILLIS = 2;

    /**
     * @param suite the negotiated suite
     * @param registry where its FEC scheme is
     * @param cipher its cipher
     * @param settings the connection's settings (the MTU)
     * @return the layout of the suite's data datagrams
     */
    static PacketLayout of(NegotiatedSuite suite, ProviderRegistry registry, CipherProvider cipher,
            ConnectionSettings settings) {
        int beforeFec = RecordHeader.LENGTH + cipher.prefixBytes() + Frames.DATA_HEADER_BYTES;
        int fecBytes = 0;
        if (suite.fecParams() != null) {
            fecBytes = registry.fec(suite.fec()).overheadBytes(suite.fecParams());
        }
        int kcpMtu = overheadFree(settings.mtuBytes(), cipher.overheadBytes(), fecBytes);
        return new PacketLayout(beforeFec, fecBytes, cipher.suffixBytes(), kcpMtu);
    }

    /**
     * @param mtuBytes the UDP payload budget
     * @param cipherOverhead the AEAD's prefix plus suffix
     * @param fecOverhead the FEC header, 0 without FEC
     * @return what is left for a KCP datagram
     */
    static int overheadFree(int mtuBytes, int cipherOverhead, int fecOverhead) {
        return mtuBytes - RecordHeader.LENGTH - cipherOverhead - Frames.DATA_HEADER_BYTES - fecOverhead;
    }

    /**
     * @param settings the connection's settings
     * @param fec whether the suite has FEC
     * @return KCP's configuration: this layout's MTU and reserved room, the settings' windows and timing
     */
    KcpConfig kcpConfig(ConnectionSettings settings, boolean fec) {
        return KcpConfig.defaults()
                .withMtuBytes(kcpMtuBytes)
                .withWindows(settings.sendWindow(), settings.receiveWindow())
                .withNodelay(settings.nodelay(), settings.intervalMillis(), settings.fastResend())
                .withDeadLinkThreshold(settings.deadLinkThreshold())
                .withStreamMode(settings.deliveryMode() == DeliveryMode.STREAM)
                .withReservedBytes(beforeFecBytes + fecBytes, suffixBytes)
                // modern mode: RACK loss detection, cwnd over segments in flight (a hole does not stall)
                .withTimeLossDetection(true)
                .withReorderWindowMinMillis(reorderWindowFloorMillis(settings, fec));
    }

    /**
     * The least time a segment may trail a later-sent one that was acknowledged before it counts as lost
     * (RACK's reordering window, RFC 8985 section 6.2, which is otherwise a quarter of the minimum RTT). With FEC
     * a segment the peer rebuilt is acknowledged up to one encoder flush delay (the interval) late, so the floor
     * covers that and is not read as a loss; without FEC it absorbs scheduling jitter between threads.
     */
    static int reorderWindowFloorMillis(ConnectionSettings settings, boolean fec) {
        return fec ? settings.intervalMillis() + REORDER_SLACK_MILLIS : REORDER_SLACK_MILLIS;
    }

    /** @return how long the FEC decoder keeps an incomplete group, in milliseconds */
    static int fecGroupTimeoutMillis(ConnectionSettings settings) {
        // a group's shards arrive within about one RTT; keep it for several intervals and at least 200 ms
        return Math.max(200, 20 * settings.intervalMillis());
    }
}
