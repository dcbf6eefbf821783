package io.uxp.cc.bbr;

import io.uxp.api.spi.LossSample;
import io.uxp.testkit.MutableAckSample;
import io.uxp.testkit.MutableLossSample;
import java.util.ArrayDeque;
import java.util.SplittableRandom;

/**
 * A one-flow path on a simulated clock: a sender that always has data, obeys the controller's window and pacing
 * rate (with the engine's burst of max(2 segments, rate x 1 ms)), a FIFO bottleneck of a fixed rate with an
 * unbounded queue, a fixed propagation RTT plus an adjustable extra delay, acknowledgements optionally batched
 * to a receiver's update interval, and seeded random loss before the bottleneck. Acknowledgements carry
 * delivery-rate samples computed as Linux {@code tcp_rate.c} does, one segment per acknowledgement; a lost
 * segment is declared lost about when it would have been acknowledged.
 */
final class PathSimulator {

    static final int MSS_BYTES = 1376;

    /** One segment in flight. */
    private static final class Segment {
        long sentMicros;
        long eventMicros;
        long deliveredAtSend;
        long deliveredMicrosAtSend;
        long firstSentMicrosAtSend;
        boolean lost;
    }

    final BbrController cc;
    final int segmentBytes;
    final long rateBytesPerSecond;
    final long baseRttMicros;
    /** Probability that a segment is dropped before the bottleneck; tests change it between runs. */
    double lossProbability;
    /** Delay added to every acknowledgement from now on, as a standing queue elsewhere would. */
    long extraDelayMicros;
    /** When positive, acknowledgements leave the receiver only at multiples of this, as KCP's update interval does. */
    long ackIntervalMicros;

    private final SplittableRandom random;
    private final ArrayDeque<Segment> flight = new ArrayDeque<>();
    private final MutableAckSample ack = new MutableAckSample();
    private final MutableLossSample loss = new MutableLossSample();
    private long nowMicros;
    private long nextSendMicros;
    private long lastDepartureMicros;
    private long lastEventMicros;
    private long delivered;
    private long deliveredMicros;
    private long firstSentMicros;

    PathSimulator(long rateBytesPerSecond, long baseRttMicros, long seed) {
        this.cc = (BbrController) new BbrCongestionProvider().newController(MSS_BYTES);
        this.segmentBytes = cc.segmentBytes();
        this.rateBytesPerSecond = rateBytesPerSecond;
        this.baseRttMicros = baseRttMicros;
        this.random = new SplittableRandom(seed);
    }

    long nowMicros() {
        return nowMicros;
    }

    /** @return the bandwidth-delay product of the path without queueing, in segments */
    double pathBdpSegments() {
        return (double) rateBytesPerSecond * cc.minRttMicros() / 1e6 / segmentBytes;
    }

    /** Runs events until {@code endMicros}; the clock then reads {@code endMicros}. */
    void runUntil(long endMicros) {
        while (true) {
            long eventAt = flight.isEmpty() ? Long.MAX_VALUE : flight.peekFirst().eventMicros;
            long sendAt = flight.size() < cc.congestionWindow() ? Math.max(nowMicros, nextSendMicros)
                    : Long.MAX_VALUE;
            long at = Math.min(eventAt, sendAt);
            if (at > endMicros) {
                nowMicros = endMicros;
                return;
            }
            nowMicros = at;
            if (eventAt <= sendAt) {
                process(flight.pollFirst());
            } else {
                send();
            }
        }
    }

    /** The retransmission timer fires: everything in flight is declared lost at once. */
    void timeout() {
        int lost = flight.size();
        long newest = lost == 0 ? nowMicros : flight.peekLast().sentMicros;
        flight.clear();
        fillLoss(LossSample.Cause.TIMEOUT, lost, newest);
        cc.onLost(loss);
    }

    private void send() {
        if (flight.isEmpty()) {
            firstSentMicros = nowMicros;
            deliveredMicros = nowMicros;
        }
        Segment s = new Segment();
        s.sentMicros = nowMicros;
        s.deliveredAtSend = delivered;
        s.deliveredMicrosAtSend = deliveredMicros;
        s.firstSentMicrosAtSend = firstSentMicros;
        s.lost = random.nextDouble() < lossProbability;
        long event;
        if (s.lost) {
            event = nowMicros + baseRttMicros + extraDelayMicros;
        } else {
            long arrival = nowMicros + baseRttMicros / 2;
            long departure = Math.max(arrival, lastDepartureMicros) + segmentBytes * 1_000_000L / rateBytesPerSecond;
            lastDepartureMicros = departure;
            long atReceiver = departure + baseRttMicros / 2;
            if (ackIntervalMicros > 0) {
                atReceiver = (atReceiver + ackIntervalMicros - 1) / ackIntervalMicros * ackIntervalMicros;
            }
            event = atReceiver + extraDelayMicros;
        }
        s.eventMicros = Math.max(event, lastEventMicros);
        lastEventMicros = s.eventMicros;
        flight.addLast(s);
        cc.onSent(nowMicros, segmentBytes, false);
        long rate = cc.pacingRate();
        if (rate > 0) {
            long burstMicros = Math.max(2L * segmentBytes, rate / 1000) * 1_000_000L / rate;
            nextSendMicros = Math.max(nextSendMicros, nowMicros - burstMicros) + segmentBytes * 1_000_000L / rate;
        }
    }

    private void process(Segment s) {
        if (s.lost) {
            fillLoss(LossSample.Cause.TIME_THRESHOLD, 1, s.sentMicros);
            cc.onLost(loss);
            return;
        }
        delivered += segmentBytes;
        deliveredMicros = nowMicros;
        long sendElapsed = s.sentMicros - s.firstSentMicrosAtSend;
        long ackElapsed = nowMicros - s.deliveredMicrosAtSend;
        firstSentMicros = s.sentMicros;
        ack.nowMicros = nowMicros;
        ack.rttMicros = nowMicros - s.sentMicros;
        ack.ackedBytes = segmentBytes;
        ack.deliveredBytes = delivered - s.deliveredAtSend;
        ack.intervalMicros = Math.max(sendElapsed, ackElapsed);
        ack.priorDeliveredBytes = s.deliveredAtSend;
        ack.totalDeliveredBytes = delivered;
        ack.bytesInFlight = (long) flight.size() * segmentBytes;
        cc.onAcknowledged(ack);
    }

    private void fillLoss(LossSample.Cause cause, int segments, long newestSentMicros) {
        loss.nowMicros = nowMicros;
        loss.cause = cause;
        loss.lostSegments = segments;
        loss.lostBytes = (long) segments * segmentBytes;
        loss.newestSentMicros = newestSentMicros;
        loss.bytesInFlight = (long) flight.size() * segmentBytes;
        loss.segmentsOutstanding = flight.size();
        loss.windowInUse = cc.congestionWindow();
    }
}
