package io.uxp.runtime;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and to whom the server's HTTP status endpoint ({@code /status}, {@code /metrics}) answers. Safe by
 * default: {@link #loopback(int)} listens on the loopback address only, no client address is shown, and a
 * bearer token can be required. The endpoint is plain HTTP: on any address but loopback, put it behind TLS or
 * a private network, and set a token.
 *
 * @param address where to listen; port 0 picks a free port
 * @param bearerToken the token a request must carry as {@code Authorization: Bearer <token>}, or null for none
 * @param clientAddresses whether {@code /status} lists each connection's remote address (default false)
 */
public record StatusEndpointOptions(InetSocketAddress address, String bearerToken, boolean clientAddresses) {

    /** The shortest bearer token accepted, in characters. */
    public static final int MIN_TOKEN_LENGTH = 16;

    /**
     * @throws IllegalArgumentException if the token is shorter than {@value #MIN_TOKEN_LENGTH} characters or
     *     holds a character outside printable ASCII (RFC 6750's token68 and more, but never a space)
     */
    public StatusEndpointOptions {
        Objects.requireNonNull(address, "address");
        if (bearerToken != null) {
            if (bearerToken.length() < MIN_TOKEN_LENGTH) {
                throw new IllegalArgumentException("a status bearer token needs at least " + MIN_TOKEN_LENGTH
                        + " characters, got " + bearerToken.length());
            }
            for (int i = 0; i < bearerToken.length(); i++) {
                char c = bearerToken.charAt(i);
                if (c <= ' ' || c > '~') {
                    throw new IllegalArgumentException("a status bearer token may hold only printable ASCII "
                            + "without spaces (character " + i + " is not)");
                }
            }
        }
    }

    /**
     * @param port the port on the loopback address; 0 picks one
     * @return options for the loopback address, no token, no client addresses
     */
    public static StatusEndpointOptions loopback(int port) {
        return at(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    /**
     * @param address where to listen (any address the caller chooses)
     * @return options for that address, no token, no client addresses
     */
    public static StatusEndpointOptions at(InetSocketAddress address) {
        return new StatusEndpointOptions(address, null, false);
    }

    /**
     * @param token the token requests must present, or null to require none
     * @return a copy requiring it
     */
    public StatusEndpointOptions withBearerToken(String token) {
        return new StatusEndpointOptions(address, token, clientAddresses);
    }

    /**
     * @param show whether {@code /status} lists client addresses
     * @return a copy with that choice
     */
    public StatusEndpointOptions withClientAddresses(boolean show) {
        return new StatusEndpointOptions(address, bearerToken, show);
    }

    /** @return the token, if one is required */
    public Optional<String> token() {
        return Optional.ofNullable(bearerToken);
    }

    /** @return whether the endpoint is reachable only from this host (loopback or unbound-to-any excluded) */
    public boolean loopbackOnly() {
        return address.getAddress() != null && address.getAddress().isLoopbackAddress();
    }

    @Override
    public String toString() {
        return "StatusEndpointOptions[" + address + (bearerToken != null ? ", token required" : "")
                + (clientAddresses ? ", client addresses shown" : "") + "]";
    }
}
