package io.uxp.runtime.negotiation;

import io.uxp.runtime.FecOffer;
import java.util.List;

/**
 * What a client offers, in its preference order, as carried in the ClientHello.
 *
 * @param ciphers cipher wire names
 * @param fecs FEC offers, {@code none} included when allowed
 * @param congestionControls congestion-control wire names
 */
public record Offers(List<String> ciphers, List<FecOffer> fecs, List<String> congestionControls) {

    /** Copies the lists. */
    public Offers {
        ciphers = List.copyOf(ciphers);
        fecs = List.copyOf(fecs);
        congestionControls = List.copyOf(congestionControls);
    }
}
