package io.uxp.cli;

import io.uxp.api.spi.FecParams;
import io.uxp.api.spi.ProviderKind;
import io.uxp.api.spi.ProviderRegistry;
import io.uxp.runtime.ConnectionSettings;
import io.uxp.runtime.FecOffer;
import io.uxp.runtime.ProviderPreferences;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Options shared by the commands that open connections: which providers to use and the KCP settings. The
 * default of each is the runtime's default ({@link ProviderPreferences#defaults()},
 * {@link ConnectionSettings#defaults()}). A value out of range is refused with a {@link ParameterException}
 * that names the option and its range, before anything is built.
 */
final class TransportOptions {

    /** The built-in FEC scheme's wire name. */
    static final String REED_SOLOMON = "reed-solomon";
    /** Longest KCP update interval the runtime accepts ({@link ConnectionSettings}). */
    static final Duration MAX_INTERVAL = Duration.ofSeconds(5);

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = {"--cipher", "--ciphers"}, paramLabel = "NAME", split = ",",
            description = "Cipher(s) to offer or allow, in preference order (default: chacha20-poly1305, "
                    + "xsalsa20-poly1305).")
    List<String> ciphers;

    @Option(names = "--fec", paramLabel = "DATA,PARITY|off",
            description = {"Reed-Solomon FEC with these shard counts, e.g. 10,3; 'off' for none (default: a client "
                    + "offers none first, a server allows none or 10,3).",
                "Repeat it to offer or allow several in preference order, e.g. --fec 10,3 --fec off: a client "
                    + "given one FEC offers only that one; a server always allows none last."})
    List<String> fec;

    @Option(names = "--congestion", paramLabel = "NAME", split = ",",
            description = "Congestion control(s) in preference order: bbr, kcp, fixed or a third party's "
                    + "(default: bbr, then kcp, then fixed).")
    List<String> congestion;

    @Option(names = "--mtu", paramLabel = "BYTES", description = "Largest UDP payload, "
            + ConnectionSettings.MIN_MTU_BYTES + " to " + ConnectionSettings.MAX_MTU_BYTES + " (default 1400).")
    Integer mtu;

    @Option(names = "--window", paramLabel = "SEGMENTS",
            description = "KCP send and receive window, 1 to " + ConnectionSettings.MAX_WINDOW + " (default "
                    + ConnectionSettings.DEFAULT_WINDOW + ").")
    Integer window;

    @Option(names = "--interval", paramLabel = "D", converter = Converters.PositiveDurationConverter.class,
            description = "KCP update interval, whole milliseconds from 1ms to 5s, e.g. 10ms (default 10ms).")
    Duration interval;

    @Option(names = "--nodelay", paramLabel = "LEVEL",
            description = "KCP nodelay level as the reference's: 0 (minimum RTO 100 ms, a timed-out segment's RTO "
                    + "doubles), 1 (30 ms, grows by half; default) or 2 (30 ms, grows by half the RTO estimate).")
    Integer nodelay;

    @Option(names = "--resend", paramLabel = "N",
            description = "Duplicate acknowledgements that trigger a fast retransmission; 0 turns it off "
                    + "(default 2).")
    Integer resend;

    /**
     * @return the settings with the options applied
     * @throws ParameterException if an option is out of range
     */
    ConnectionSettings settings() {
        ConnectionSettings s = ConnectionSettings.defaults();
        if (mtu != null) {
            check(mtu >= ConnectionSettings.MIN_MTU_BYTES && mtu <= ConnectionSettings.MAX_MTU_BYTES,
                    "--mtu must be " + ConnectionSettings.MIN_MTU_BYTES + " to " + ConnectionSettings.MAX_MTU_BYTES
                            + " bytes, got " + mtu);
            s = s.withMtuBytes(mtu);
        }
        if (window != null) {
            check(window >= 1 && window <= ConnectionSettings.MAX_WINDOW,
                    "--window must be 1 to " + ConnectionSettings.MAX_WINDOW + " segments, got " + window);
            s = s.withWindows(window, window);
        }
        if (interval != null) {
            check(interval.compareTo(MAX_INTERVAL) <= 0 && interval.toNanos() % 1_000_000 == 0,
                    "--interval must be whole milliseconds from 1ms to 5s, got " + Args.print(interval));
            s = s.withIntervalMillis((int) interval.toMillis());
        }
        if (nodelay != null) {
            check(nodelay >= 0 && nodelay <= ConnectionSettings.MAX_NODELAY,
                    "--nodelay must be 0, 1 or 2 (the reference KCP's levels), got " + nodelay);
        }
        if (resend != null) {
            check(resend >= 0, "--resend must be 0 (off) or more, got " + resend);
        }
        if (nodelay != null || resend != null) {
            s = s.withNodelay(nodelay != null ? nodelay : s.nodelay(), resend != null ? resend : s.fastResend());
        }
        fecOffers();
        return s;
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(mixee.commandLine(), message);
        }
    }

    /** Refuses a --cipher or --congestion name that no provider on the module path has. */
    private void checkProviders() {
        ProviderRegistry registry = ProviderRegistry.load();
        checkNames("--cipher", ciphers, registry, ProviderKind.CIPHER);
        checkNames("--congestion", congestion, registry, ProviderKind.CONGESTION_CONTROL);
    }

    private void checkNames(String option, List<String> names, ProviderRegistry registry, ProviderKind kind) {
        if (names == null) {
            return;
        }
        List<String> found = registry.names(kind);
        for (String name : names) {
            check(found.contains(name), option + " " + name + ": no " + kind.label() + " of that name on the module "
                    + "path; found " + String.join(", ", found));
        }
    }

    /**
     * @return what a client offers: only the FEC asked for, in the order asked, if any, so that a single one cannot
     *     be negotiated away
     */
    ProviderPreferences clientPreferences() {
        checkProviders();
        ProviderPreferences d = ProviderPreferences.defaults();
        List<FecOffer> f = fecOffers();
        return new ProviderPreferences(ciphers != null ? ciphers : d.ciphers(),
                f == null ? d.fecs() : f, congestion != null ? congestion : d.congestionControls());
    }

    /** @return what a server allows: the FEC asked for first (preferred, in the order asked), then none */
    ProviderPreferences serverPreferences() {
        checkProviders();
        ProviderPreferences d = ProviderPreferences.defaults();
        List<FecOffer> f = fecOffers();
        List<FecOffer> fecs = new ArrayList<>();
        if (f == null) {
            fecs.addAll(d.fecs());
        } else {
            fecs.addAll(f);
            if (!f.contains(FecOffer.NONE)) {
                fecs.add(FecOffer.NONE);
            }
        }
        return new ProviderPreferences(ciphers != null ? ciphers : d.ciphers(), fecs,
                congestion != null ? congestion : d.congestionControls());
    }

    /** @return the --fec offers in the order given, without repeats, or {@code null} without --fec */
    private List<FecOffer> fecOffers() {
        if (fec == null || fec.isEmpty()) {
            return null;
        }
        List<FecOffer> offers = new ArrayList<>();
        for (String text : fec) {
            FecOffer offer = fecOffer(text);
            if (!offers.contains(offer)) {
                offers.add(offer);
            }
        }
        return List.copyOf(offers);
    }

    private FecOffer fecOffer(String fec) {
        String f = fec.strip().toLowerCase(Locale.ROOT);
        if (f.equals("off") || f.equals("none")) {
            return FecOffer.NONE;
        }
        String[] parts = f.split(",", -1);
        int data = -1;
        int parity = -1;
        if (parts.length == 2) {
            try {
                data = Integer.parseInt(parts[0].strip());
                parity = Integer.parseInt(parts[1].strip());
            } catch (NumberFormatException e) {
                data = -1;
            }
        }
        check(data >= 1 && parity >= 0 && data + parity <= FecParams.MAX_TOTAL_SHARDS,
                "--fec takes DATA,PARITY with DATA at least 1 and DATA + PARITY at most "
                        + FecParams.MAX_TOTAL_SHARDS + " (e.g. 10,3), or off; got '" + fec + "'");
        return FecOffer.of(REED_SOLOMON, data, parity);
    }
}
