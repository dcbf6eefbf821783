package io.uxp.cc.bbr;

/** The states of the {@code bbr} controller (BBR, section "state machine"; draft-ietf-ccwg-bbr section 4.3). */
enum BbrMode {
    /** Doubles the sending rate each round until the bandwidth estimate stops growing. */
    STARTUP,
    /** Drains the queue STARTUP built, until in flight is at most one BDP. */
    DRAIN,
    /** Cruises at the estimated bandwidth, probing above it and draining below it once per eight phases. */
    PROBE_BW,
    /** Holds the window at half a BDP for at least 200 ms and a round, to measure the path's RTT afresh. */
    PROBE_RTT
}
