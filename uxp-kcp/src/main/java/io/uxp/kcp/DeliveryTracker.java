package io.uxp.kcp;

/**
 * The sender's delivery accounting: bytes and segments in flight, bytes delivered, the application-limited mark,
 * the minimum RTT, RACK's state, and the delivery-rate sample of each input datagram, in the manner of Linux
 * {@code net/ipv4/tcp_rate.c} (each segment remembers, when sent, how much had been delivered and when; the
 * acknowledgement of the most recently sent segment yields {@code delivered / max(send phase, ack phase)}).
 *
 * <p>Sizes are bytes on the wire (24-byte header plus payload), times microseconds. "In flight" means sent, not
 * acknowledged and not declared lost; a lost segment re-enters flight when retransmitted.
 */
final class DeliveryTracker {
    private final AckSampleView sample = new AckSampleView();
    private final RackState rack = new RackState();
    /** Total bytes delivered (Linux {@code tp->delivered}, in bytes). */
    private long delivered;
    /** When {@link #delivered} last grew ({@code tp->delivered_mstamp}). */
    private long deliveredMicros;
    /** Send time of the most recently sent segment delivered, or of the first send after an idle period. */
    private long firstSentMicros;
    /** {@code tp->app_limited}: 0, or the delivered total past which samples are no longer app-limited. */
    private long appLimitedUntil;
    private long bytesInFlight;
    private int segmentsInFlight;
    /** Segments sent at least once and not acknowledged, lost or not (Linux {@code packets_out}). */
    private int outstanding;
    private long minRttMicros = Long.MAX_VALUE;
    /** RFC 6298 smoothed RTT of the unambiguous samples, microseconds; 0 before any. */
    private long srttMicros;
    private long rttVarMicros;
    /** The RTO floor a spurious timeout set, when, and how many there were ({@link #onSpuriousTimeout}). */
    private long spuriousFloorMicros;
    private long spuriousFloorSetMicros;
    private long spuriousTimeouts;
    /** The floor's half-life. */
    static final long SPURIOUS_FLOOR_HALF_LIFE_MICROS = 30_000_000L;
    /** The most a spurious timeout raises the floor to. */
    static final long SPURIOUS_FLOOR_MAX_MICROS = 2_000_000L;

    // the current datagram's candidates, copied out of segments that are released while it is processed
    private int acknowledged;
    private boolean rateFound;
    private long rateSentMicros;
    private int rateSn;
    private long ratePriorDelivered;
    private long ratePriorMicros;
    private long rateFirstSentMicros;
    private boolean rateAppLimited;
    private boolean rttFound;
    private long rttSentMicros;
    private int rttSn;
    private boolean rackFound;
    private long rackSentMicros;
    private int rackSn;
    private long rackRtt;

    /**
     * Records a timeout shown spurious: an acknowledgement echoed the transmission before a timeout's
     * retransmission, so that original arrived and {@code rttMicros} is how long its acknowledgement took (Eifel
     * detection, RFC 3522). The sample enters the smoothed RTT (it is unambiguous: the echoed timestamp names the
     * transmission), and the RTO floor rises to one and a half times it (Eifel response, RFC 4015: the timer must
     * outlast the delay it just underestimated). The floor halves every {@value #SPURIOUS_FLOOR_HALF_LIFE_MICROS}
     * microseconds without another: a busy host or a queue that stalls acknowledgements for longer than the RTO
     * then costs one spurious retransmission per connection instead of one per stall, the storm a 30 ms minimum RTO
     * made of queueing delay at scale.
     */
    void onSpuriousTimeout(long rttMicros, long nowMicros) {
        spuriousTimeouts++;
        smooth(rttMicros);
        long floor = Math.min(rttMicros + rttMicros / 2, SPURIOUS_FLOOR_MAX_MICROS);
        spuriousFloorMicros = Math.max(spuriousTimeoutFloorMicros(nowMicros), floor);
        spuriousFloorSetMicros = nowMicros;
    }

    /** @return the RTO floor left by spurious timeouts at {@code nowMicros}, 0 if none */
    long spuriousTimeoutFloorMicros(long nowMicros) {
        if (spuriousFloorMicros == 0) {
            return 0;
        }
        long halvings = (nowMicros - spuriousFloorSetMicros) / SPURIOUS_FLOOR_HALF_LIFE_MICROS;
        return halvings >= 63 ? 0 : spuriousFloorMicros >> halvings;
    }

    /** @return timeouts shown spurious so far */
    long spuriousTimeouts() {
        return spuriousTimeouts;
    }

    long bytesInFlight() {
        return bytesInFlight;
    }

    int segmentsInFlight() {
        return segmentsInFlight;
    }

    /** @return the smallest unambiguous RTT seen, in microseconds, or {@link Long#MAX_VALUE} before any */
    long minRttMicros() {
        return minRttMicros;
    }

    /** @return the smoothed RTT at microsecond precision (RFC 6298), 0 before any unambiguous sample */
    long srttMicros() {
        return srttMicros;
    }

    /** @return its mean deviation, microseconds */
    long rttVarMicros() {
        return rttVarMicros;
    }

    RackState rack() {
        return rack;
    }

    AckSampleView sample() {
        return sample;
    }

    /** Records a transmission of {@code s} at {@code now}; call before its transmission count is raised. */
    void onSent(Segment s, long now) {
        if (outstanding == 0) {
            // nothing in the pipe: a new send phase starts now (tcp_rate_skb_sent)
            firstSentMicros = now;
            deliveredMicros = now;
        }
        if (s.transmissions == 0) {
            outstanding++;
        }
        s.sentMicros = now;
        s.deliveredAtSend = delivered;
        s.deliveredMicrosAtSend = deliveredMicros;
        s.firstSentMicrosAtSend = firstSentMicros;
        s.appLimitedAtSend = appLimitedUntil != 0;
        bytesInFlight += s.wireBytes();
        segmentsInFlight++;
    }

    /** Takes a segment just declared lost out of flight. */
    void onDeclaredLost(Segment s) {
        bytesInFlight -= s.wireBytes();
        segmentsInFlight--;
    }

    /**
     * Marks the connection application-limited: samples from segments sent until the data now in flight is
     * delivered may underestimate the path (tcp_rate_check_app_limited).
     */
    void markAppLimited() {
        appLimitedUntil = Math.max(delivered + bytesInFlight, 1);
    }

    /** Starts an input datagram. */
    void beginDatagram(long now) {
        sample.clear(now);
        acknowledged = 0;
        rateFound = false;
        rttFound = false;
        rackFound = false;
    }

    /**
     * Accounts for the acknowledgement of {@code s}, before it is released.
     *
     * @param echoMatches whether an ACK echoed the timestamp of its latest transmission, so {@code now - sent} is
     *     an unambiguous RTT
     */
    void onAcknowledged(Segment s, long now, boolean echoMatches) {
        acknowledged++;
        if (s.transmissions == 0) {
            return; // acknowledged before it was ever sent: a confused peer; nothing to sample
        }
        int bytes = s.wireBytes();
        outstanding--;
        if (!s.awaitingRetransmission()) {
            bytesInFlight -= bytes;
            segmentsInFlight--;
        }
        delivered += bytes;
        sample.ackedBytes += bytes;
        long rtt = now - s.sentMicros;
        if (!rateFound || RackState.sentAfter(s.sentMicros, s.sn, rateSentMicros, rateSn)) {
            // tcp_rate_skb_delivered: the most recently sent segment delivered defines the sample
            rateFound = true;
            rateSentMicros = s.sentMicros;
            rateSn = s.sn;
            ratePriorDelivered = s.deliveredAtSend;
            ratePriorMicros = s.deliveredMicrosAtSend;
            rateFirstSentMicros = s.firstSentMicrosAtSend;
            rateAppLimited = s.appLimitedAtSend;
        }
        // RFC 8985 6.2 step 2: a retransmitted segment counts only for an ACK of its latest transmission that is
        // not faster than the minimum RTT (else it acknowledges an earlier copy)
        boolean plausible = s.transmissions == 1 || (echoMatches && rtt >= minRttMicros);
        if (plausible && (!rackFound || RackState.sentAfter(s.sentMicros, s.sn, rackSentMicros, rackSn))) {
            rackFound = true;
            rackSentMicros = s.sentMicros;
            rackSn = s.sn;
            rackRtt = rtt;
        }
        if (echoMatches) {
            minRttMicros = Math.min(minRttMicros, rtt);
            smooth(rtt);
            if (!rttFound || RackState.sentAfter(s.sentMicros, s.sn, rttSentMicros, rttSn)) {
                rttFound = true;
                rttSentMicros = s.sentMicros;
                rttSn = s.sn;
                sample.rttMicros = rtt;
            }
        }
    }

    /** RFC 6298 2.2/2.3: gains 1/8 and 1/4; in microseconds, so without the reference's millisecond truncation. */
    private void smooth(long rtt) {
        if (srttMicros == 0) {
            srttMicros = Math.max(1, rtt);
            rttVarMicros = rtt / 2;
        } else {
            rttVarMicros += (Math.abs(rtt - srttMicros) - rttVarMicros) / 4;
            srttMicros = Math.max(1, srttMicros + (rtt - srttMicros) / 8);
        }
    }

    /**
     * Ends an input datagram and completes the sample (tcp_rate_gen).
     *
     * @return whether the datagram acknowledged anything, so the sample should go to the controller
     */
    boolean finishDatagram(long now, int remoteWindow, boolean cumulativeAdvanced) {
        if (appLimitedUntil != 0 && delivered > appLimitedUntil) {
            appLimitedUntil = 0;
        }
        if (sample.ackedBytes > 0) {
            deliveredMicros = now;
        }
        if (rackFound) {
            rack.update(rackSentMicros, rackSn, rackRtt);
        }
        sample.totalDeliveredBytes = delivered;
        sample.bytesInFlight = bytesInFlight;
        sample.remoteWindow = remoteWindow;
        sample.cumulativeAdvanced = cumulativeAdvanced;
        if (rateFound) {
            firstSentMicros = rateSentMicros;
            sample.priorDeliveredBytes = ratePriorDelivered;
            sample.appLimited = rateAppLimited;
            sample.deliveredBytes = delivered - ratePriorDelivered;
            // sending and acknowledging are two pipeline phases; the longer one bounds the rate (ACK compression)
            long interval = Math.max(rateSentMicros - rateFirstSentMicros, now - ratePriorMicros);
            // shorter than the minimum RTT cannot be a real delivery interval (e.g. a spurious retransmission)
            sample.intervalMicros = interval < minRttMicros ? -1 : interval;
        }
        return acknowledged > 0 || cumulativeAdvanced;
    }
}
