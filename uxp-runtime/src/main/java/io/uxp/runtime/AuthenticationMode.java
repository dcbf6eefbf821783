package io.uxp.runtime;

/**
 * How a client knows it talks to the right server. Sent in the ClientHello's flags and bound into the key
 * derivation (docs/PROTOCOL.md section 8.1).
 */
public enum AuthenticationMode {
    /** The client pins the server's static public key; the server proves it holds the private key. */
    PINNED_SERVER_KEY(true, false),
    /** Both peers hold the same pre-shared key. */
    PRE_SHARED_KEY(false, true),
    /** Both: a pinned server key and a pre-shared key. */
    PINNED_SERVER_KEY_AND_PRE_SHARED_KEY(true, true),
    /** Neither: encrypted but open to a man in the middle. Must be chosen explicitly; logged as a warning. */
    UNAUTHENTICATED(false, false);

    private final boolean pinned;
    private final boolean preShared;

    AuthenticationMode(boolean pinned, boolean preShared) {
        this.pinned = pinned;
        this.preShared = preShared;
    }

    /** @return whether the server's static key takes part */
    public boolean usesServerKey() {
        return pinned;
    }

    /** @return whether a pre-shared key takes part */
    public boolean usesPreSharedKey() {
        return preShared;
    }
}
