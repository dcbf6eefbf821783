package io.uxp.runtime.record;

import io.uxp.api.spi.CipherProvider;
import io.uxp.api.spi.PacketSealer;
import io.uxp.runtime.KeyUpdatePolicy;
import java.util.Arrays;

/**
 * Seals the outgoing records of one direction of one connection (docs/PROTOCOL.md section 9).
 * Packet numbers start at 0 and grow by one per record for the connection's life, across key updates, so
 * no nonce repeats under any key. The key moves to the next generation of the ratchet when the
 * {@link KeyUpdatePolicy} says so; the key phase bit tells the receiver.
 *
 * <p>One owner thread. {@link #seal} allocates nothing; a key update (rare) does.
 */
public final class RecordProtector {

    /** Returned by {@link #seal} when the key may not seal any more packets. */
    public static final int KEY_EXHAUSTED = -1;

    private final CipherProvider cipher;
    private final KeyUpdatePolicy policy;
    private final long destinationConnectionId;
    private final byte[] nonce;

    private byte[] secret;
    private byte[] nonceBase;
    private PacketSealer sealer;
    private int generation;
    private long packetsUnderKey;
    private long keyInstalledMillis;
    private long nextPacketNumber;

    /**
     * @param cipher the negotiated cipher
     * @param initialSecret this direction's traffic secret of generation 0; copied
     * @param destinationConnectionId the peer's connection ID, written in every header
     * @param policy when to update the key
     * @param nowMillis the current time
     */
    public RecordProtector(CipherProvider cipher, byte[] initialSecret, long destinationConnectionId,
            KeyUpdatePolicy policy, long nowMillis) {
        this.cipher = cipher;
        this.policy = policy;
        this.destinationConnectionId = destinationConnectionId;
        this.nonce = new byte[cipher.nonceBytes()];
        install(initialSecret.clone(), nowMillis);
    }

    private void install(byte[] newSecret, long nowMillis) {
        if (sealer != null) {
            sealer.destroy();
        }
        secret = newSecret;
        nonceBase = TrafficSecrets.nonceBase(secret, cipher.nonceBytes());
        byte[] key = TrafficSecrets.key(secret, cipher.keyBytes());
        sealer = cipher.newSealer(key);
        Arrays.fill(key, (byte) 0);
        packetsUnderKey = 0;
        keyInstalledMillis = nowMillis;
    }

    /**
     * @param datagramOffset where the datagram starts in the buffer
     * @return where the caller writes the plaintext frames
     */
    public int payloadOffset(int datagramOffset) {
        return datagramOffset + RecordHeader.LENGTH + cipher.prefixBytes();
    }

    /** @return bytes a record adds to its plaintext: header, prefix and suffix */
    public int overheadBytes() {
        return RecordHeader.LENGTH + cipher.overheadBytes();
    }

    /**
     * Writes the header and seals the plaintext in place.
     *
     * @param buffer the datagram buffer, with room for {@link #overheadBytes()} around the plaintext
     * @param datagramOffset the datagram's start; the plaintext is at {@link #payloadOffset}
     * @param plaintextLength the plaintext length, at least 1
     * @param nowMillis the current time, for the time-based key update
     * @return the datagram's length, or {@link #KEY_EXHAUSTED}
     */
    public int seal(byte[] buffer, int datagramOffset, int plaintextLength, long nowMillis) {
        if (packetsUnderKey >= policy.updateAfterPackets()
                || nowMillis - keyInstalledMillis >= policy.updateAfterMillis()) {
            updateKey(nowMillis);
        }
        if (packetsUnderKey >= policy.hardLimitPackets() || nextPacketNumber < 0) {
            return KEY_EXHAUSTED;
        }
        long pn = nextPacketNumber++;
        packetsUnderKey++;
        RecordHeader.write(buffer, datagramOffset, generation & RecordHeader.KEY_PHASE_BIT,
                destinationConnectionId, pn);
        RecordHeader.nonce(nonceBase, pn, nonce);
        int body = sealer.seal(nonce, buffer, datagramOffset, RecordHeader.LENGTH,
                datagramOffset + RecordHeader.LENGTH, plaintextLength);
        return RecordHeader.LENGTH + body;
    }

    /**
     * Moves to the next key of the ratchet now.
     *
     * @param nowMillis the current time
     */
    public void updateKey(long nowMillis) {
        byte[] next = TrafficSecrets.next(secret);
        Arrays.fill(secret, (byte) 0);
        generation++;
        install(next, nowMillis);
    }

    /** @return the current key generation (0 after the handshake) */
    public int generation() {
        return generation;
    }

    /** @return the packet number the next record will carry */
    public long nextPacketNumber() {
        return nextPacketNumber;
    }

    /** Destroys the key material; the protector must not be used afterwards. */
    public void destroy() {
        sealer.destroy();
        Arrays.fill(secret, (byte) 0);
        Arrays.fill(nonceBase, (byte) 0);
    }
}
