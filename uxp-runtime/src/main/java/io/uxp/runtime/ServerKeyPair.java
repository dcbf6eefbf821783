package io.uxp.runtime;

import java.util.random.RandomGenerator;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * A server's static X25519 key pair. Clients pin its {@link #publicKey()}; the server proves it holds the
 * private key in every handshake. The private key prints only through {@link #privateKeyText()};
 * {@link #toString()} shows the public half.
 */
public final class ServerKeyPair {

    private final byte[] privateKey;
    private final ServerPublicKey publicKey;

    private ServerKeyPair(byte[] privateKey) {
        this.privateKey = privateKey;
        byte[] pub = new byte[X25519.POINT_SIZE];
        X25519.generatePublicKey(privateKey, 0, pub, 0);
        this.publicKey = ServerPublicKey.of(pub);
    }

    /**
     * @param random a cryptographically strong source, normally a {@link java.security.SecureRandom}
     * @return a fresh key pair
     */
    public static ServerKeyPair generate(RandomGenerator random) {
        byte[] k = new byte[X25519.SCALAR_SIZE];
        random.nextBytes(k);
        return new ServerKeyPair(k);
    }

    /**
     * @param privateKey the 32-byte X25519 private scalar; copied
     * @return the key pair
     */
    public static ServerKeyPair ofPrivateKey(byte[] privateKey) {
        return new ServerKeyPair(KeyText.checkLength(privateKey, "server private key"));
    }

    /**
     * @param text the private key as base64url or 64 hex digits, as {@link #privateKeyText()} prints it
     * @return the key pair
     */
    public static ServerKeyPair parsePrivateKey(String text) {
        return new ServerKeyPair(KeyText.parse(text, "server private key"));
    }

    /** @return the public half, to give to clients */
    public ServerPublicKey publicKey() {
        return publicKey;
    }

    /** @return the private key as unpadded base64url; keep it secret */
    public String privateKeyText() {
        return KeyText.print(privateKey);
    }

    /** @return a copy of the 32-byte private scalar, for the handshake */
    public byte[] privateKeyBytes() {
        return privateKey.clone();
    }

    /** @return the public key only */
    @Override
    public String toString() {
        return "ServerKeyPair[public=" + publicKey + "]";
    }
}
