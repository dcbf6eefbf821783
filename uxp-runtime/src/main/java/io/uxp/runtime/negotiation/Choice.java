package io.uxp.runtime.negotiation;

import io.uxp.api.NegotiatedSuite;

/**
 * The server's answer to an offer: a suite, or the reason none could be formed.
 *
 * @param suite the chosen suite, or {@code null} on failure
 * @param failure a sentence naming what was offered, what is allowed and which module to add; {@code null}
 *     on success
 */
public record Choice(NegotiatedSuite suite, String failure) {

    /** @return whether a suite was chosen */
    public boolean succeeded() {
        return suite != null;
    }
}
