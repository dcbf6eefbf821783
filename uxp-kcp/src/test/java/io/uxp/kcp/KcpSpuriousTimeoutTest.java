package io.uxp.kcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.kcp.cc.FixedCongestionProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;

/**
 * A receiver that stalls now and then for longer than the RTO (a busy host: its worker behind a backlog, a GC
 * pause) on a path of 2 ms RTT, with a message every 50 ms: the acknowledgements come late, not lost. The first
 * stall costs a spurious retransmission by timeout; the acknowledgement of the original shows it spurious (its
 * timestamp echo names the original transmission, Eifel detection) and the RTO outlasts such stalls from then on.
 * Without that response every stall retransmitted, the storm the scale harness saw at 1,000 busy connections.
 */
class KcpSpuriousTimeoutTest {

    private static final int CONV = 7;
    private static final long MS = 1_000;
    private static final long STALL_EVERY = 400 * MS;
    private static final long STALL_LENGTH = 80 * MS;

    private record Datagram(long at, boolean toB, byte[] bytes, long order) {
    }

    @Test
    void stallsLongerThanTheRtoCostOneSpuriousRetransmissionNotOnePerStall() {
        KcpConfig config = KcpConfig.defaults().withNodelay(true, 10, 2).withTimeLossDetection(true);
        PriorityQueue<Datagram> wire = new PriorityQueue<>((x, y) -> x.at != y.at ? Long.compare(x.at, y.at)
                : Long.compare(x.order, y.order));
        long[] now = {0};
        long[] order = {0};
        KcpEngine a = new KcpEngine(CONV, config, new FixedCongestionProvider().newController(config.mssBytes()),
                (buf, off, len) -> wire.add(new Datagram(arrival(now[0] + MS), true,
                        Arrays.copyOfRange(buf, off, off + len), order[0]++)));
        KcpEngine b = new KcpEngine(CONV, config, new FixedCongestionProvider().newController(config.mssBytes()),
                (buf, off, len) -> wire.add(new Datagram(now[0] + MS, false,
                        Arrays.copyOfRange(buf, off, off + len), order[0]++)));
        byte[] scratch = new byte[4096];
        List<Long> timeoutsAtStallEnd = new ArrayList<>();
        long received = 0;
        long end = 20 * STALL_EVERY;
        long nextMessage = 0;
        long nextStallEnd = STALL_LENGTH;
        for (now[0] = 0; now[0] < end; now[0] += 100) { // 100 us steps
            if (now[0] >= nextMessage) {
                a.send(new byte[200], 0, 200);
                nextMessage += 50 * MS;
            }
            while (!wire.isEmpty() && wire.peek().at <= now[0]) {
                Datagram d = wire.poll();
                (d.toB ? b : a).input(d.bytes, 0, d.bytes.length, now[0]);
            }
            if (a.check(now[0]) <= now[0]) {
                a.update(now[0]);
            }
            if (b.check(now[0]) <= now[0]) {
                b.update(now[0]);
            }
            while (b.receive(scratch, 0, scratch.length) >= 0) {
                received++;
            }
            if (now[0] >= nextStallEnd) {
                timeoutsAtStallEnd.add(a.stats().timeoutRetransmissions());
                nextStallEnd += STALL_EVERY;
            }
        }
        // the RTO starts high (200 ms, then the first sample's variance) and comes down to about 30 ms within a
        // few stalls
        int firstCostly = 0;
        while (firstCostly < timeoutsAtStallEnd.size() && timeoutsAtStallEnd.get(firstCostly) == 0) {
            firstCostly++;
        }
        assertThat(firstCostly).as("a stall that outlasts the RTO").isLessThan(timeoutsAtStallEnd.size() / 2);
        long first = timeoutsAtStallEnd.get(firstCostly);
        long total = a.stats().timeoutRetransmissions();
        System.out.printf("stalled receiver: timeout retransmissions after each stall %s, spurious detected %d, "
                + "%d messages received%n", timeoutsAtStallEnd, a.spuriousTimeouts(), received);
        assertThat(a.spuriousTimeouts()).isPositive();
        assertThat(total).as("later stalls retransmit nothing").isEqualTo(first);
        assertThat(received).isEqualTo(end / (50 * MS));
    }

    /** Datagrams to B that would arrive during one of its stalls are taken in when it ends. */
    private static long arrival(long at) {
        long phase = at % STALL_EVERY;
        return phase < STALL_LENGTH ? at - phase + STALL_LENGTH : at;
    }
}
