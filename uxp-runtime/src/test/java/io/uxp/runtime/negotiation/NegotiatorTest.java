package io.uxp.runtime.negotiation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.uxp.api.HandshakeException;
import io.uxp.api.NegotiatedSuite;
import io.uxp.api.spi.FecParams;
import io.uxp.api.spi.ProviderRegistry;
import io.uxp.runtime.FecOffer;
import io.uxp.runtime.ProviderPreferences;
import java.util.List;
import org.junit.jupiter.api.Test;

class NegotiatorTest {

    private static final ProviderRegistry ALL = ProviderRegistry.load();
    private static final ProviderRegistry SALSA_ONLY = ProviderRegistry.of(
            List.of(ALL.cipher("xsalsa20-poly1305")), ALL.fecs(), ALL.congestionControls());

    private static ProviderPreferences prefs(List<String> ciphers, List<FecOffer> fecs, List<String> ccs) {
        return new ProviderPreferences(ciphers, fecs, ccs);
    }

    @Test
    void theOfferIsWhatIsPresentAndAllowedInTheUsersOrder() {
        ProviderPreferences p = prefs(List.of("aes-made-up", "xsalsa20-poly1305", "chacha20-poly1305"),
                List.of(FecOffer.of("reed-solomon", 4, 2), FecOffer.of("made-up-fec", 1, 1), FecOffer.NONE),
                List.of("fixed", "kcp"));

        Offers offers = Negotiator.offer(ALL, p);

        assertThat(offers.ciphers()).containsExactly("xsalsa20-poly1305", "chacha20-poly1305");
        assertThat(offers.fecs()).containsExactly(FecOffer.of("reed-solomon", 4, 2), FecOffer.NONE);
        assertThat(offers.congestionControls()).containsExactly("fixed", "kcp");
    }

    @Test
    void fecParametersTheProviderRejectsAreNotOffered() {
        ProviderPreferences p = prefs(List.of("chacha20-poly1305"),
                List.of(FecOffer.of("reed-solomon", 200, 55), FecOffer.NONE), List.of("kcp"));
        boolean valid;
        try {
            ALL.fec("reed-solomon").validate(new FecParams(200, 55));
            valid = true;
        } catch (IllegalArgumentException e) {
            valid = false;
        }
        assertThat(Negotiator.offer(ALL, p).fecs().contains(FecOffer.of("reed-solomon", 200, 55))).isEqualTo(valid);
    }

    @Test
    void nothingToOfferNamesTheModuleToAdd() {
        ProviderPreferences p = prefs(List.of("chacha20-poly1305"), List.of(FecOffer.NONE), List.of("kcp"));
        assertThatThrownBy(() -> Negotiator.offer(SALSA_ONLY, p))
                .isInstanceOfSatisfying(HandshakeException.class,
                        e -> assertThat(e.reason()).isEqualTo(HandshakeException.Reason.NO_COMMON_PROVIDER))
                .hasMessageContaining("[chacha20-poly1305]")
                .hasMessageContaining("io.uxp:uxp-crypto-chacha");
    }

    @Test
    void theServerPicksByItsOwnPreference() {
        Offers offers = new Offers(List.of("chacha20-poly1305", "xsalsa20-poly1305"),
                List.of(FecOffer.NONE, FecOffer.of("reed-solomon", 10, 3)), List.of("kcp", "fixed"));
        ProviderPreferences server = prefs(List.of("xsalsa20-poly1305", "chacha20-poly1305"),
                List.of(FecOffer.of("reed-solomon", 10, 3), FecOffer.NONE), List.of("fixed", "kcp"));

        Choice choice = Negotiator.choose(offers, ALL, server);

        assertThat(choice.suite()).isEqualTo(new NegotiatedSuite("xsalsa20-poly1305", "reed-solomon",
                new FecParams(10, 3), "fixed"));
    }

    @Test
    void fecMatchesOnNameAndShardCounts() {
        Offers offers = new Offers(List.of("chacha20-poly1305"), List.of(FecOffer.of("reed-solomon", 10, 3)),
                List.of("kcp"));
        ProviderPreferences server = prefs(List.of("chacha20-poly1305"), List.of(FecOffer.of("reed-solomon", 4, 2)),
                List.of("kcp"));

        Choice choice = Negotiator.choose(offers, ALL, server);

        assertThat(choice.succeeded()).isFalse();
        assertThat(choice.failure()).startsWith("no common FEC: client offered [reed-solomon(10,3)], server allows "
                + "[reed-solomon(4,2)]");
    }

    @Test
    void aCipherTheServerLacksIsExplainedWithTheModuleToAddOnTheServer() {
        Offers offers = new Offers(List.of("chacha20-poly1305"), List.of(FecOffer.NONE), List.of("kcp"));
        ProviderPreferences server = prefs(List.of("xsalsa20-poly1305"), List.of(FecOffer.NONE), List.of("kcp"));

        Choice choice = Negotiator.choose(offers, SALSA_ONLY, server);

        assertThat(choice.failure()).isEqualTo("no common cipher: client offered [chacha20-poly1305], server allows "
                + "[xsalsa20-poly1305] and has [xsalsa20-poly1305]; add io.uxp:uxp-crypto-chacha to the module path "
                + "or class path of the server and allow chacha20-poly1305 there");
    }

    @Test
    void aCipherTheServerHasButDoesNotAllowIsExplainedAsAPolicyMismatch() {
        Offers offers = new Offers(List.of("chacha20-poly1305"), List.of(FecOffer.NONE), List.of("kcp"));
        ProviderPreferences server = prefs(List.of("xsalsa20-poly1305"), List.of(FecOffer.NONE), List.of("kcp"));

        Choice choice = Negotiator.choose(offers, ALL, server);

        assertThat(choice.failure()).contains("allow one of [chacha20-poly1305] on the server, or one of "
                + "[xsalsa20-poly1305] on the client");
    }
}
