package io.uxp.runtime.session;

import io.uxp.runtime.record.Frames;
import java.net.InetSocketAddress;
import java.util.function.IntSupplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server connection's path validation (docs/PROTOCOL.md sections 9 and 11, after RFC 9000 sections 8.2 and 9):
 * the connection keeps sending to its validated address until a PATH_RESPONSE carrying the data of one of its
 * PATH_CHALLENGEs arrives <em>from</em> the candidate address. RFC 9000 accepts a response on any path; UXP
 * accepts it only from the address being validated, so the response proves that this address both receives
 * the connection's datagrams and sends the peer's.
 *
 * <p>Rules: only an authenticated record carrying the largest packet number so far starts a validation, for
 * its source; there is at most one candidate, and a newer largest record from a third address replaces it
 * (counted as failed), while a newer largest record from the validated address abandons it (the peer is still
 * there, RFC 9000 section 9.3.2). A validation sends at most {@link #MAX_CHALLENGES} challenges, one every
 * quarter of its timeout, and fails after {@link #TIMEOUT_RTOS} times {@code max(RTO, 200 ms)}. Everything sent
 * to the candidate (challenges, and responses the connection owes it) stays within {@link #AMPLIFICATION_FACTOR}
 * times the authenticated bytes received from it. A failed validation changes nothing.
 *
 * <p>I/O-free: the time comes in as a parameter and the datagrams go out through a {@link Probe}. One owner
 * thread (the connection's worker); allocates nothing except when a validation starts (the random data).
 */
final class PathValidator {

    private static final Logger LOG = LoggerFactory.getLogger(PathValidator.class);
    /** Challenges per candidate: the first and up to 3 retransmissions. */
    static final int MAX_CHALLENGES = 4;
    /** Bytes sent to an unvalidated address per byte received from it (RFC 9000 section 8). */
    static final int AMPLIFICATION_FACTOR = 3;
    /** The timeout in RTOs: RFC 9000 section 8.2.4 recommends three times the PTO, which KCP's RTO stands for. */
    static final int TIMEOUT_RTOS = 3;
    /** Least RTO used for the timeout: KCP's RTO before any sample (reference IKCP_RTO_DEF), as a new path's. */
    static final int MIN_RTO_MILLIS = 200;

    /** Sends the records of path validation. */
    interface Probe {
        /**
         * Seals one record holding one path frame and sends it.
         *
         * @param type {@link Frames#PATH_CHALLENGE} or {@link Frames#PATH_RESPONSE}
         * @param data the frame's 8 bytes
         * @param to the destination
         * @return the datagram's length if it was sent, else 0 or less
         */
        int sendPath(int type, long data, InetSocketAddress to);
    }

    private final Probe probe;
    private final RandomGenerator random;
    private final ConnectionCounters counters;
    private final IntSupplier rtoMillis;
    /** The length of a record holding one path frame: what the budget must allow before a send. */
    private final int recordBytes;
    private final long[] challenges = new long[MAX_CHALLENGES];

    private InetSocketAddress candidate;
    private int sent;
    private long receivedBytes;
    private long sentBytes;
    private long intervalMillis;
    private long nextChallengeMillis;
    private long deadlineMillis;
    /** A challenge is due but the anti-amplification limit holds it back until more bytes arrive. */
    private boolean held;

    /**
     * @param probe sends the records
     * @param random the source of the challenges' data: a {@link java.security.SecureRandom} outside tests
     * @param counters where validations started, succeeded and failed are counted
     * @param rtoMillis the connection's current RTO, asked when a validation starts
     * @param recordBytes the length of a record holding one path frame
     */
    PathValidator(Probe probe, RandomGenerator random, ConnectionCounters counters, IntSupplier rtoMillis,
            int recordBytes) {
        this.probe = probe;
        this.random = random;
        this.counters = counters;
        this.rtoMillis = rtoMillis;
        this.recordBytes = recordBytes;
    }

    /** @return whether a validation is under way */
    boolean active() {
        return candidate != null;
    }

    /** @return the address being validated, or {@code null} */
    InetSocketAddress candidate() {
        return candidate;
    }

    /**
     * An authenticated record from an address other than the validated one.
     *
     * @param source its source address
     * @param bytes the datagram's length
     * @param largest whether it carried the largest packet number authenticated so far
     * @param now the current time, in milliseconds
     */
    void fromOtherAddress(InetSocketAddress source, int bytes, boolean largest, long now) {
        if (source.equals(candidate)) {
            receivedBytes += bytes;
            if (held) {
                // the budget may have grown enough for the challenge it held back
                challenge(now);
            }
            return;
        }
        if (!largest) {
            // a reordered older record or a late copy of a lost one: never a reason to move
            return;
        }
        if (candidate != null) {
            fail("a newer record came from a third address");
        }
        candidate = source;
        sent = 0;
        held = false;
        receivedBytes = bytes;
        sentBytes = 0;
        long timeout = (long) TIMEOUT_RTOS * Math.max(rtoMillis.getAsInt(), MIN_RTO_MILLIS);
        intervalMillis = timeout / MAX_CHALLENGES;
        deadlineMillis = now + timeout;
        nextChallengeMillis = now;
        counters.pathValidationsStarted++;
        LOG.debug("validating {} (timeout {} ms)", source, timeout);
        challenge(now);
    }

    /**
     * An authenticated record from the validated address while a validation is under way.
     *
     * @param largest whether it carried the largest packet number authenticated so far
     */
    void fromValidatedAddress(boolean largest) {
        if (largest && candidate != null) {
            fail("the peer sent a newer record from the validated address");
        }
    }

    /**
     * A PATH_RESPONSE frame in an authenticated record.
     *
     * @param data its 8 bytes
     * @param source the record's source address
     * @return the newly validated address, or {@code null} if the response validates nothing
     */
    InetSocketAddress onResponse(long data, InetSocketAddress source) {
        if (candidate == null || !source.equals(candidate)) {
            // RFC 9000 accepts a response on any path; UXP only from the address being validated
            return null;
        }
        for (int i = 0; i < sent; i++) {
            if (challenges[i] == data) {
                InetSocketAddress validated = candidate;
                counters.pathValidationsSucceeded++;
                candidate = null;
                return validated;
            }
        }
        return null;
    }

    /**
     * Answers a PATH_CHALLENGE that came from the candidate address, within its budget.
     *
     * @param data the challenge's 8 bytes
     * @param source the record's source address
     */
    void answer(long data, InetSocketAddress source) {
        if (source.equals(candidate) && fits()) {
            spend(probe.sendPath(Frames.PATH_RESPONSE, data, candidate));
        }
    }

    /** @param now the current time: retransmits the challenge or gives up, when due */
    void onTimer(long now) {
        if (candidate == null) {
            return;
        }
        if (now >= deadlineMillis) {
            fail("no response before the timeout");
        } else if (sent < MAX_CHALLENGES && !held && now >= nextChallengeMillis) {
            challenge(now);
        }
    }

    /** @return when {@link #onTimer} has work, or {@link Long#MAX_VALUE} */
    long nextTimerMillis() {
        if (candidate == null) {
            return Long.MAX_VALUE;
        }
        return sent < MAX_CHALLENGES && !held ? Math.min(nextChallengeMillis, deadlineMillis) : deadlineMillis;
    }

    private void challenge(long now) {
        if (!fits()) {
            held = true;
            return;
        }
        held = false;
        long data = random.nextLong();
        int n = probe.sendPath(Frames.PATH_CHALLENGE, data, candidate);
        challenges[sent++] = data;
        spend(n);
        nextChallengeMillis = now + intervalMillis;
    }

    private boolean fits() {
        return sentBytes + recordBytes <= AMPLIFICATION_FACTOR * receivedBytes;
    }

    private void spend(int bytes) {
        if (bytes > 0) {
            sentBytes += bytes;
        }
    }

    private void fail(String why) {
        LOG.debug("validation of {} failed: {}", candidate, why);
        counters.pathValidationsFailed++;
        candidate = null;
    }
}
