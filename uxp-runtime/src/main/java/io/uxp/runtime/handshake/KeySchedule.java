package io.uxp.runtime.handshake;

import io.uxp.runtime.record.Hkdf;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * The handshake's key schedule (docs/PROTOCOL.md section 8):
 * <pre>
 * th   = SHA-256(ClientHello || ServerHello without its confirmation)
 * prk  = HKDF-Extract(salt = th, IKM = dh_ee || [dh_es] || [psk])
 * confirm key = HKDF-Expand(prk, "uxp1 server confirm", 32); confirmation = HMAC-SHA256(confirm key, th)
 * c2s secret  = HKDF-Expand(prk, "uxp1 c2s", 32);  s2c secret = HKDF-Expand(prk, "uxp1 s2c", 32)
 * </pre>
 *
 * @param transcriptHash th
 * @param confirmation the value the ServerHello ends with
 * @param clientToServerSecret generation-0 traffic secret of client-to-server records
 * @param serverToClientSecret generation-0 traffic secret of server-to-client records
 */
record KeySchedule(byte[] transcriptHash, byte[] confirmation, byte[] clientToServerSecret,
        byte[] serverToClientSecret) {

    static final byte[] LABEL_CONFIRM = "uxp1 server confirm".getBytes(StandardCharsets.US_ASCII);
    static final byte[] LABEL_C2S = "uxp1 c2s".getBytes(StandardCharsets.US_ASCII);
    static final byte[] LABEL_S2C = "uxp1 s2c".getBytes(StandardCharsets.US_ASCII);

    /**
     * @param ikm the concatenated input keying material
     * @param clientHello the exact ClientHello datagram
     * @param serverHelloUnconfirmed the ServerHello up to its confirmation
     * @return the derived values
     */
    static KeySchedule derive(byte[] ikm, byte[] clientHello, byte[] serverHelloUnconfirmed) {
        SHA256Digest sha = new SHA256Digest();
        sha.update(clientHello, 0, clientHello.length);
        sha.update(serverHelloUnconfirmed, 0, serverHelloUnconfirmed.length);
        byte[] th = new byte[Hkdf.HASH_BYTES];
        sha.doFinal(th, 0);
        byte[] prk = Hkdf.extract(th, ikm);
        byte[] confirmKey = Hkdf.expand(prk, LABEL_CONFIRM, Hkdf.HASH_BYTES);
        byte[] confirmation = Hkdf.hmac(confirmKey, th);
        KeySchedule ks = new KeySchedule(th, confirmation, Hkdf.expand(prk, LABEL_C2S, Hkdf.HASH_BYTES),
                Hkdf.expand(prk, LABEL_S2C, Hkdf.HASH_BYTES));
        Arrays.fill(prk, (byte) 0);
        Arrays.fill(confirmKey, (byte) 0);
        return ks;
    }

    /**
     * @param received a confirmation from the wire
     * @return whether it matches, compared in constant time
     */
    boolean confirms(byte[] received) {
        return MessageDigest.isEqual(confirmation, received);
    }

    /**
     * @param dhEphemeral X25519(client ephemeral, server ephemeral)
     * @param dhStatic X25519(client ephemeral, server static), or {@code null}
     * @param psk the pre-shared key, or {@code null}
     * @return the IKM: the parts present, in this order
     */
    static byte[] ikm(byte[] dhEphemeral, byte[] dhStatic, byte[] psk) {
        int n = dhEphemeral.length + (dhStatic == null ? 0 : dhStatic.length) + (psk == null ? 0 : psk.length);
        byte[] out = new byte[n];
        int p = 0;
        for (byte[] part : new byte[][] {dhEphemeral, dhStatic, psk}) {
            if (part != null) {
                System.arraycopy(part, 0, out, p, part.length);
                p += part.length;
            }
        }
        return out;
    }

    /** Wipes the secrets. */
    void destroy() {
        Arrays.fill(clientToServerSecret, (byte) 0);
        Arrays.fill(serverToClientSecret, (byte) 0);
    }
}
