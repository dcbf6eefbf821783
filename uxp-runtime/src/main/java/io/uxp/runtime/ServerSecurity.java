package io.uxp.runtime;

import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a server proves and demands in its handshakes: a static key pair (clients may pin its public
 * half), a pre-shared key every client must hold, both, or, only when asked for by name, neither.
 * Immutable.
 */
public final class ServerSecurity {

    private static final Logger LOG = LoggerFactory.getLogger(ServerSecurity.class);

    private final ServerKeyPair staticKey;
    private final PreSharedKey preSharedKey;

    private ServerSecurity(ServerKeyPair staticKey, PreSharedKey preSharedKey) {
        this.staticKey = staticKey;
        this.preSharedKey = preSharedKey;
    }

    /**
     * @param keyPair the server's static key pair; give clients {@code keyPair.publicKey()}
     * @return a server that proves its identity to clients that pin its key
     */
    public static ServerSecurity staticKey(ServerKeyPair keyPair) {
        return new ServerSecurity(Objects.requireNonNull(keyPair, "keyPair"), null);
    }

    /**
     * @param key the key every client must hold
     * @return a server that completes handshakes only with clients holding the same key
     */
    public static ServerSecurity preSharedKey(PreSharedKey key) {
        return new ServerSecurity(null, Objects.requireNonNull(key, "key"));
    }

    /**
     * @param keyPair the server's static key pair
     * @param key the key every client must hold
     * @return a server with both
     */
    public static ServerSecurity staticKeyAndPreSharedKey(ServerKeyPair keyPair, PreSharedKey key) {
        return new ServerSecurity(Objects.requireNonNull(keyPair, "keyPair"), Objects.requireNonNull(key, "key"));
    }

    /**
     * No static key and no pre-shared key: traffic is encrypted, but clients cannot tell this server from a
     * man in the middle. Logged as a warning (through System.Logger too, once, when SLF4J has no provider).
     *
     * @return an unauthenticated server
     */
    public static ServerSecurity unauthenticated() {
        SecurityWarning.warn(LOG, "UXP server security is UNAUTHENTICATED: clients cannot verify this server; "
                + "configure a static key pair or a pre-shared key");
        return new ServerSecurity(null, null);
    }

    /** @return the static key pair, if configured */
    public Optional<ServerKeyPair> staticKey() {
        return Optional.ofNullable(staticKey);
    }

    /** @return the pre-shared key, if configured */
    public Optional<PreSharedKey> preSharedKey() {
        return Optional.ofNullable(preSharedKey);
    }

    @Override
    public String toString() {
        return "ServerSecurity[static key " + (staticKey == null ? "none" : staticKey.publicKey().toString())
                + ", pre-shared key " + (preSharedKey == null ? "none" : "set") + "]";
    }
}
