package io.uxp.runtime.session;

import io.uxp.api.DropReason;
import io.uxp.runtime.ServerStats;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A server's own counters and the sums behind {@link ServerEndpoint#stats}: what the socket readers read, the
 * drops no connection counts, and what closed connections sent and dropped (kept, so that totals never fall when a
 * connection goes). Thread-safe; the sums are read racily from the threads that own the counters, for monitoring.
 */
final class ServerCounters {

    /** Counted by every socket reader (the receive thread or several workers). */
    private final LongAdder packetsIn = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final AtomicLongArray drops = new AtomicLongArray(DropReason.values().length);
    /** Packets and bytes sent by connections that have closed; guarded by itself. */
    private final long[] retired = new long[2];

    /** A socket reader read a datagram of {@code bytes}. */
    void received(int bytes) {
        packetsIn.increment();
        bytesIn.add(bytes);
    }

    /** A datagram arrived with no slot free to read it into: dropped. */
    void receivedWithoutSlot() {
        packetsIn.increment();
        drop(DropReason.QUEUE_FULL);
    }

    void drop(DropReason reason) {
        drops.incrementAndGet(reason.ordinal());
    }

    /** Keeps a closing connection's counters in the server's totals. */
    void retire(ConnectionCounters k) {
        synchronized (retired) {
            retired[0] += k.packetsOut;
            retired[1] += k.bytesOut;
            for (DropReason r : DropReason.values()) {
                drops.addAndGet(r.ordinal(), k.drops[r.ordinal()]);
            }
        }
    }

    /**
     * @param connections open connections
     * @param acceptor the handshakes' counters
     * @param open the open connections, whose counters are added
     * @return the server-wide counters
     */
    ServerStats snapshot(int connections, Acceptor acceptor, List<UxpConnection> open) {
        long packetsOut = acceptor.repliesSent();
        long bytesOut = acceptor.replyBytes();
        // summed per ordinal: a boxed merge per reason and connection made a status poll of 10,000 connections
        // allocate about 800 KB
        DropReason[] reasons = DropReason.values();
        long[] sums = new long[reasons.length];
        for (DropReason r : reasons) {
            sums[r.ordinal()] = drops.get(r.ordinal()) + acceptor.drops(r);
        }
        for (UxpConnection c : open) {
            ConnectionCounters k = c.counters();
            packetsOut += k.packetsOut;
            bytesOut += k.bytesOut;
            for (int i = 0; i < sums.length; i++) {
                sums[i] += k.drops[i];
            }
        }
        Map<DropReason, Long> d = new EnumMap<>(DropReason.class);
        for (DropReason r : reasons) {
            if (sums[r.ordinal()] != 0) {
                d.put(r, sums[r.ordinal()]);
            }
        }
        synchronized (retired) {
            packetsOut += retired[0];
            bytesOut += retired[1];
        }
        return new ServerStats(connections, acceptor.pending(), acceptor.handshakesCompleted(),
                acceptor.handshakesFailed(), packetsIn.sum(), packetsOut, bytesIn.sum(), bytesOut, d);
    }
}
