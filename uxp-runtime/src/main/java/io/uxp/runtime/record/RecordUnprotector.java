package io.uxp.runtime.record;

import io.uxp.api.DropReason;
import io.uxp.api.spi.CipherProvider;
import io.uxp.api.spi.PacketOpener;
import io.uxp.runtime.KeyUpdatePolicy;
import java.util.Arrays;

/**
 * Authenticates and decrypts the incoming records of one direction of one connection, in place, and
 * drops duplicates and packets older than the {@link ReplayWindow}; the window moves only after a packet
 * authenticates. Follows the peer's key updates through the key phase bit and keeps the previous key for
 * {@link KeyUpdatePolicy#previousKeyRetentionMillis()} for reordered packets.
 *
 * <p>{@link #open} returns the plaintext length, or a negative code that {@link #dropReason(int)} turns into
 * a {@link DropReason}; each drop is counted. One owner thread; no allocation per packet except when the
 * peer's key update is first seen.
 */
public final class RecordUnprotector {

    /** Forgery attempts tolerated under one key, the AEAD integrity limit of RFC 9001 section 6.6. */
    static final long INTEGRITY_LIMIT = 1L << 36;

    private static final DropReason[] REASONS = DropReason.values();

    private final CipherProvider cipher;
    private final KeyUpdatePolicy policy;
    private final long localConnectionId;
    private final ReplayWindow window = new ReplayWindow();
    private final byte[] nonce;
    private final long[] drops = new long[REASONS.length];

    private KeyState current;
    private KeyState previous;
    private KeyState next;
    private long currentFirstPacketNumber;
    private long previousExpiresMillis;
    private long opened;
    private boolean openedLargest;

    /**
     * @param cipher the negotiated cipher
     * @param initialSecret the peer's sending traffic secret of generation 0; copied
     * @param localConnectionId this side's connection ID, which every record must carry
     * @param policy the key limits
     */
    public RecordUnprotector(CipherProvider cipher, byte[] initialSecret, long localConnectionId,
            KeyUpdatePolicy policy) {
        this.cipher = cipher;
        this.policy = policy;
        this.localConnectionId = localConnectionId;
        this.nonce = new byte[cipher.nonceBytes()];
        this.current = new KeyState(cipher, initialSecret.clone(), 0);
    }

    /**
     * @param code a negative result of {@link #open}
     * @return the reason it stands for
     */
    public static DropReason dropReason(int code) {
        return REASONS[-code - 1];
    }

    private int drop(DropReason reason) {
        drops[reason.ordinal()]++;
        return -reason.ordinal() - 1;
    }

    /**
     * @param datagramOffset where the datagram starts
     * @return where the plaintext lies after a successful {@link #open}
     */
    public int payloadOffset(int datagramOffset) {
        return datagramOffset + RecordHeader.LENGTH + cipher.prefixBytes();
    }

    /**
     * Verifies and decrypts one datagram in place.
     *
     * @param buffer the buffer
     * @param offset the datagram's start
     * @param length the datagram's length
     * @param nowMillis the current time
     * @return the plaintext length (at {@link #payloadOffset}), or a negative drop code
     */
    public int open(byte[] buffer, int offset, int length, long nowMillis) {
        if (length < RecordHeader.LENGTH + cipher.overheadBytes() + 1
                || !RecordHeader.isProtected(buffer[offset + RecordHeader.TYPE_OFFSET])) {
            return drop(DropReason.MALFORMED);
        }
        if (RecordHeader.connectionId(buffer, offset) != localConnectionId) {
            return drop(DropReason.UNKNOWN_CONNECTION);
        }
        long pn = RecordHeader.packetNumber(buffer, offset);
        if (pn < 0) {
            return drop(DropReason.MALFORMED);
        }
        int seen = window.check(pn);
        if (seen == ReplayWindow.DUPLICATE) {
            return drop(DropReason.REPLAYED);
        }
        if (seen == ReplayWindow.TOO_OLD) {
            return drop(DropReason.TOO_OLD);
        }
        if (previous != null && nowMillis >= previousExpiresMillis) {
            previous.destroy();
            previous = null;
        }
        KeyState key = select(RecordHeader.keyPhase(buffer, offset), pn);
        if (key == null) {
            // The old phase, but the previous key is gone: a straggler older than the retention time.
            return drop(DropReason.TOO_OLD);
        }
        if (key.opened >= policy.hardLimitPackets() || key.failures >= INTEGRITY_LIMIT) {
            return drop(DropReason.KEY_EXHAUSTED);
        }
        RecordHeader.nonce(key.nonceBase, pn, nonce);
        int plain = key.opener.open(nonce, buffer, offset, RecordHeader.LENGTH, offset + RecordHeader.LENGTH,
                length - RecordHeader.LENGTH);
        if (plain < 0) {
            key.failures++;
            return drop(DropReason.AUTHENTICATION_FAILED);
        }
        key.opened++;
        opened++;
        openedLargest = pn > window.largest();
        window.accept(pn);
        if (key == next) {
            promote(pn, nowMillis);
        } else if (key == current && pn < currentFirstPacketNumber) {
            currentFirstPacketNumber = pn;
        }
        return plain;
    }

    private KeyState select(int phase, long pn) {
        if (phase == (current.generation & RecordHeader.KEY_PHASE_BIT)) {
            return current;
        }
        if (pn < currentFirstPacketNumber) {
            return previous;
        }
        if (next == null) {
            next = new KeyState(cipher, TrafficSecrets.next(current.secret), current.generation + 1);
        }
        return next;
    }

    private void promote(long pn, long nowMillis) {
        if (previous != null) {
            previous.destroy();
        }
        previous = current;
        previousExpiresMillis = nowMillis + policy.previousKeyRetentionMillis();
        current = next;
        next = null;
        currentFirstPacketNumber = pn;
    }

    /**
     * @param reason a drop reason
     * @return records dropped for it so far
     */
    public long drops(DropReason reason) {
        return drops[reason.ordinal()];
    }

    /**
     * Whether the record the last successful {@link #open} returned carried the largest packet number authenticated
     * so far: only such a record may move a connection to a new address (docs/PROTOCOL.md section 9), so a
     * reordered older record or a late copy of one the path lost never does.
     *
     * @return {@code true} if it was the new largest
     */
    public boolean openedLargest() {
        return openedLargest;
    }

    /** @return records authenticated so far */
    public long opened() {
        return opened;
    }

    /** @return the generation of the peer's current key */
    public int generation() {
        return current.generation;
    }

    /** Destroys all key material; the unprotector must not be used afterwards. */
    public void destroy() {
        current.destroy();
        if (previous != null) {
            previous.destroy();
        }
        if (next != null) {
            next.destroy();
        }
    }

    /** One generation of the peer's key. */
    private static final class KeyState {
        final byte[] secret;
        final byte[] nonceBase;
        final PacketOpener opener;
        final int generation;
        long opened;
        long failures;

        KeyState(CipherProvider cipher, byte[] secret, int generation) {
            this.secret = secret;
            this.generation = generation;
            this.nonceBase = TrafficSecrets.nonceBase(secret, cipher.nonceBytes());
            byte[] key = TrafficSecrets.key(secret, cipher.keyBytes());
            this.opener = cipher.newOpener(key);
            Arrays.fill(key, (byte) 0);
        }

        void destroy() {
            opener.destroy();
            Arrays.fill(secret, (byte) 0);
            Arrays.fill(nonceBase, (byte) 0);
        }
    }
}
