package io.uxp.cli;

import io.uxp.runtime.ConnectionSettings;
import io.uxp.runtime.FecOffer;
import io.uxp.runtime.ProviderPreferences;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Options shared by the commands that open connections: which providers to use and the KCP settings. The
 * default of each is the runtime's default ({@link ProviderPreferences#defaults()},
 * {@link ConnectionSettings#defaults()}).
 */
final class TransportOptions {

    /** The built-in FEC scheme's wire name. */
    static final String REED_SOLOMON = "reed-solomon";

    @Option(names = {"--cipher", "--ciphers"}, paramLabel = "NAME", split = ",",
            description = "Cipher(s) to offer or allow, in preference order (default: chacha20-poly1305, "
                    + "xsalsa20-poly1305).")
    List<String> ciphers;

    @Option(names = "--fec", paramLabel = "DATA,PARITY|off",
            description = "Reed-Solomon FEC with these shard counts, e.g. 10,3; 'off' for none "
                    + "(default: a client offers none first, a server allows none or 10,3).")
    String fec;

    @Option(names = "--congestion", paramLabel = "NAME", split = ",",
            description = "Congestion control(s) in preference order: bbr, kcp, fixed or a third party's "
                    + "(default: bbr, then kcp, then fixed).")
    List<String> congestion;

    @Option(names = "--mtu", paramLabel = "BYTES", description = "Largest UDP payload (default 1400).")
    Integer mtu;

    @Option(names = "--window", paramLabel = "SEGMENTS", description = "KCP send and receive window (default 8192).")
    Integer window;

    @Option(names = "--interval", paramLabel = "MS", description = "KCP update interval in ms (default 10).")
    Integer interval;

    @Option(names = "--nodelay", paramLabel = "LEVEL",
            description = "KCP nodelay level as the reference's: 0 (minimum RTO 100 ms, a timed-out segment's RTO "
                    + "doubles), 1 (30 ms, grows by half; default) or 2 (30 ms, grows by half the RTO estimate).")
    Integer nodelay;

    @Option(names = "--resend", paramLabel = "N",
            description = "Duplicate acknowledgements that trigger a fast retransmission; 0 turns it off "
                    + "(default 2).")
    Integer resend;

    /** @return the settings with the options applied */
    ConnectionSettings settings() {
        ConnectionSettings s = ConnectionSettings.defaults();
        if (mtu != null) {
            s = s.withMtuBytes(mtu);
        }
        if (window != null) {
            s = s.withWindows(window, window);
        }
        if (interval != null) {
            s = s.withIntervalMillis(interval);
        }
        if (nodelay != null || resend != null) {
            s = s.withNodelay(nodelay != null ? nodelay : s.nodelay(), resend != null ? resend : s.fastResend());
        }
        return s;
    }

    /** @return what a client offers: only the FEC asked for, if any, so that it cannot be negotiated away */
    ProviderPreferences clientPreferences() {
        ProviderPreferences d = ProviderPreferences.defaults();
        FecOffer f = fecOffer();
        return new ProviderPreferences(ciphers != null ? ciphers : d.ciphers(),
                f == null ? d.fecs() : List.of(f), congestion != null ? congestion : d.congestionControls());
    }

    /** @return what a server allows: the FEC asked for first (preferred), then none */
    ProviderPreferences serverPreferences() {
        ProviderPreferences d = ProviderPreferences.defaults();
        FecOffer f = fecOffer();
        List<FecOffer> fecs = new ArrayList<>();
        if (f == null) {
            fecs.addAll(d.fecs());
        } else {
            fecs.add(f);
            if (!f.equals(FecOffer.NONE)) {
                fecs.add(FecOffer.NONE);
            }
        }
        return new ProviderPreferences(ciphers != null ? ciphers : d.ciphers(), fecs,
                congestion != null ? congestion : d.congestionControls());
    }

    private FecOffer fecOffer() {
        if (fec == null) {
            return null;
        }
        String f = fec.strip().toLowerCase(Locale.ROOT);
        if (f.equals("off") || f.equals("none")) {
            return FecOffer.NONE;
        }
        String[] parts = f.split(",");
        if (parts.length != 2) {
            throw new IllegalArgumentException("--fec takes DATA,PARITY (for example 10,3) or off, got '" + fec + "'");
        }
        try {
            return FecOffer.of(REED_SOLOMON, Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--fec takes two numbers, got '" + fec + "'", e);
        }
    }
}
