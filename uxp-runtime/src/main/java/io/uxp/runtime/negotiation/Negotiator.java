package io.uxp.runtime.negotiation;

import io.uxp.api.HandshakeException;
import io.uxp.api.NegotiatedSuite;
import io.uxp.api.spi.FecProvider;
import io.uxp.api.spi.ProviderChecks;
import io.uxp.api.spi.ProviderKind;
import io.uxp.api.spi.ProviderRegistry;
import io.uxp.runtime.FecOffer;
import io.uxp.runtime.ProviderPreferences;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forms the client's offer from its registry and allow-list, and the server's choice from an offer, its
 * registry and its allow-list (docs/PROTOCOL.md section 12). Errors name what was offered, what is
 * allowed, and the module to add.
 */
public final class Negotiator {

    private static final Logger LOG = LoggerFactory.getLogger(Negotiator.class);

    private Negotiator() {
    }

    /**
     * @param registry the providers present
     * @param preferences the client's allow-lists, in preference order
     * @return the entries both allowed and present, in preference order
     * @throws HandshakeException with {@code NO_COMMON_PROVIDER} if a kind has no usable entry
     */
    public static Offers offer(ProviderRegistry registry, ProviderPreferences preferences) {
        List<String> ciphers = present(registry, ProviderKind.CIPHER, preferences.ciphers());
        List<String> ccs = present(registry, ProviderKind.CONGESTION_CONTROL, preferences.congestionControls());
        List<FecOffer> fecs = new ArrayList<>();
        for (FecOffer f : preferences.fecs()) {
            if (f.params() == null || usable(registry, f)) {
                fecs.add(f);
            }
        }
        if (fecs.isEmpty()) {
            throw nothingToOffer(ProviderKind.FEC, preferences.fecs().stream().map(FecOffer::name).toList(),
                    registry);
        }
        return new Offers(ciphers, fecs, ccs);
    }

    private static List<String> present(ProviderRegistry registry, ProviderKind kind, List<String> allowed) {
        List<String> out = allowed.stream().filter(n -> registry.has(kind, n)).toList();
        if (out.isEmpty()) {
            throw nothingToOffer(kind, allowed, registry);
        }
        return out;
    }

    private static HandshakeException nothingToOffer(ProviderKind kind, List<String> allowed,
            ProviderRegistry registry) {
        String refused = allowed.stream().map(name -> registry.refusal(kind, name)).filter(r -> r != null)
                .findFirst().orElse(null);
        return new HandshakeException(HandshakeException.Reason.NO_COMMON_PROVIDER, "no " + kind.label()
                + " to offer: the client allows " + allowed + " but has only " + registry.names(kind) + "; "
                + (refused != null ? refused : kind.moduleHint(allowed.get(0))));
    }

    private static boolean usable(ProviderRegistry registry, FecOffer offer) {
        if (!registry.has(ProviderKind.FEC, offer.name())) {
            return false;
        }
        FecProvider provider = registry.fec(offer.name());
        try {
            provider.validate(offer.params());
        } catch (IllegalArgumentException e) {
            return false;
        }
        // a header size out of range for these counts would break the pipeline's layout: not usable
        String problem = ProviderChecks.fecOverheadProblem(provider, offer.params());
        if (problem != null) {
            LOG.debug("FEC provider '{}' ({}) is not used with these shard counts: {}", offer.name(),
                    ProviderRegistry.origin(provider), problem);
            return false;
        }
        return true;
    }

    /**
     * @param offers the client's offer
     * @param registry the server's providers
     * @param preferences the server's allow-lists, in its preference order
     * @return the server's choice, or the reason there is none
     */
    public static Choice choose(Offers offers, ProviderRegistry registry, ProviderPreferences preferences) {
        String cipher = pick(offers.ciphers(), preferences.ciphers(), registry, ProviderKind.CIPHER);
        if (cipher == null) {
            return new Choice(null, explain(ProviderKind.CIPHER, offers.ciphers(), preferences.ciphers(), registry));
        }
        FecOffer fec = null;
        for (FecOffer f : preferences.fecs()) {
            if (offers.fecs().contains(f) && (f.params() == null || usable(registry, f))) {
                fec = f;
                break;
            }
        }
        if (fec == null) {
            return new Choice(null, explain(ProviderKind.FEC, offers.fecs().stream().map(FecOffer::toString).toList(),
                    preferences.fecs().stream().map(FecOffer::toString).toList(), registry));
        }
        String cc = pick(offers.congestionControls(), preferences.congestionControls(), registry,
                ProviderKind.CONGESTION_CONTROL);
        if (cc == null) {
            return new Choice(null, explain(ProviderKind.CONGESTION_CONTROL, offers.congestionControls(),
                    preferences.congestionControls(), registry));
        }
        return new Choice(new NegotiatedSuite(cipher, fec.name(), fec.params(), cc), null);
    }

    private static String pick(List<String> offered, List<String> allowed, ProviderRegistry registry,
            ProviderKind kind) {
        for (String name : allowed) {
            if (offered.contains(name) && registry.has(kind, name)) {
                return name;
            }
        }
        return null;
    }

    private static String explain(ProviderKind kind, List<String> offered, List<String> allowed,
            ProviderRegistry registry) {
        StringBuilder sb = new StringBuilder("no common ").append(kind.label()).append(": client offered ")
                .append(offered).append(", server allows ").append(allowed)
                .append(" and has ").append(registry.names(kind));
        for (String entry : offered) {
            String name = entry.contains("(") ? entry.substring(0, entry.indexOf('(')) : entry;
            if (NegotiatedSuite.NO_FEC.equals(name)) {
                continue;
            }
            if (!registry.has(kind, name)) {
                sb.append("; ").append(kind.moduleHint(name)).append(" of the server");
                if (!allowed.contains(entry)) {
                    sb.append(" and allow ").append(entry).append(" there");
                }
                return sb.toString();
            }
        }
        return sb.append("; allow one of ").append(offered).append(" on the server, or one of ").append(allowed)
                .append(" on the client").toString();
    }
}
