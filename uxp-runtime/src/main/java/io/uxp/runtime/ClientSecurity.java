package io.uxp.runtime;

import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a client authenticates the server: a pinned server key, a pre-shared key, both, or, only when asked
 * for by name, neither. Immutable.
 */
public final class ClientSecurity {

    private static final Logger LOG = LoggerFactory.getLogger(ClientSecurity.class);

    private final AuthenticationMode mode;
    private final ServerPublicKey pinnedServerKey;
    private final PreSharedKey preSharedKey;

    private ClientSecurity(AuthenticationMode mode, ServerPublicKey pinnedServerKey, PreSharedKey preSharedKey) {
        this.mode = mode;
        this.pinnedServerKey = pinnedServerKey;
        this.preSharedKey = preSharedKey;
    }

    /**
     * @param serverKey the server's static public key, obtained out of band
     * @return a client that accepts only a server proving it holds the matching private key
     */
    public static ClientSecurity pinnedServerKey(ServerPublicKey serverKey) {
        return new ClientSecurity(AuthenticationMode.PINNED_SERVER_KEY,
                Objects.requireNonNull(serverKey, "serverKey"), null);
    }

    /**
     * @param key the key the server holds too
     * @return a client that accepts only a server holding the same pre-shared key
     */
    public static ClientSecurity preSharedKey(PreSharedKey key) {
        return new ClientSecurity(AuthenticationMode.PRE_SHARED_KEY, null, Objects.requireNonNull(key, "key"));
    }

    /**
     * @param serverKey the server's static public key
     * @param key the pre-shared key
     * @return a client that requires both proofs
     */
    public static ClientSecurity pinnedServerKeyAndPreSharedKey(ServerPublicKey serverKey, PreSharedKey key) {
        return new ClientSecurity(AuthenticationMode.PINNED_SERVER_KEY_AND_PRE_SHARED_KEY,
                Objects.requireNonNull(serverKey, "serverKey"), Objects.requireNonNull(key, "key"));
    }

    /**
     * Encryption without authentication: anyone on the path can play the server (a man in the middle).
     * Logged as a warning, once per call (through System.Logger too, once, when SLF4J has no provider).
     *
     * @return a client that accepts any server
     */
    public static ClientSecurity unauthenticated() {
        SecurityWarning.warn(LOG, "UXP client security is UNAUTHENTICATED: traffic is encrypted but a man in the "
                + "middle can impersonate the server; pin the server key or configure a pre-shared key");
        return new ClientSecurity(AuthenticationMode.UNAUTHENTICATED, null, null);
    }

    /** @return the mode */
    public AuthenticationMode mode() {
        return mode;
    }

    /** @return the pinned server key, if the mode uses one */
    public Optional<ServerPublicKey> pinnedServerKey() {
        return Optional.ofNullable(pinnedServerKey);
    }

    /** @return the pre-shared key, if the mode uses one */
    public Optional<PreSharedKey> preSharedKey() {
        return Optional.ofNullable(preSharedKey);
    }

    @Override
    public String toString() {
        return "ClientSecurity[" + mode + (pinnedServerKey == null ? "" : ", server key " + pinnedServerKey) + "]";
    }
}
