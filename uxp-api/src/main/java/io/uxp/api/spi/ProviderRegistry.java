package io.uxp.api.spi;

import io.uxp.api.ProviderNotFoundException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * The providers available to this process, by kind and wire name, as {@link ServiceLoader} finds them on
 * the module path and on the class path (through {@code META-INF/services}).
 *
 * <p>Every provider's declared values are checked as it is loaded ({@link ProviderChecks}): one with a bad
 * name or out-of-range sizes (a cipher with {@code nonceBytes() = 4}, say) is refused, not listed, and
 * {@link #refused()} says why, naming it and its module. When two providers claim one wire name, the first
 * found wins and {@link #conflicts()} says so; a lookup of an absent name fails with a
 * {@link ProviderNotFoundException} that lists what is present and names the module to add (or, for a
 * refused provider, why it was refused). Immutable and thread-safe.
 */
public final class ProviderRegistry {

    private final Map<String, CipherProvider> ciphers;
    private final Map<String, FecProvider> fecs;
    private final Map<String, CongestionControlProvider> congestionControls;
    private final List<String> conflicts;
    private final Map<String, String> refused;

    private ProviderRegistry(Iterable<CipherProvider> ciphers, Iterable<FecProvider> fecs,
            Iterable<CongestionControlProvider> congestionControls) {
        List<String> found = new ArrayList<>();
        Map<String, String> bad = new LinkedHashMap<>();
        this.ciphers = index(ciphers, CipherProvider::name, ProviderKind.CIPHER, found, bad);
        this.fecs = index(fecs, FecProvider::name, ProviderKind.FEC, found, bad);
        this.congestionControls = index(congestionControls, CongestionControlProvider::name,
                ProviderKind.CONGESTION_CONTROL, found, bad);
        this.conflicts = List.copyOf(found);
        this.refused = Collections.unmodifiableMap(bad);
    }

    /**
     * Loads every provider visible to the context class loader and, in a module layer, to this module.
     *
     * @return the registry of what was found
     */
    public static ProviderRegistry load() {
        return new ProviderRegistry(ServiceLoader.load(CipherProvider.class),
                ServiceLoader.load(FecProvider.class), ServiceLoader.load(CongestionControlProvider.class));
    }

    /**
     * Loads every provider visible to {@code loader}.
     *
     * @param loader the class loader to search
     * @return the registry of what was found
     */
    public static ProviderRegistry load(ClassLoader loader) {
        return new ProviderRegistry(ServiceLoader.load(CipherProvider.class, loader),
                ServiceLoader.load(FecProvider.class, loader),
                ServiceLoader.load(CongestionControlProvider.class, loader));
    }

    /**
     * Builds a registry from explicit providers, without {@link ServiceLoader}: for tests and for
     * applications that wire providers by hand.
     *
     * @param ciphers cipher providers
     * @param fecs FEC providers
     * @param congestionControls congestion-control providers
     * @return the registry
     */
    public static ProviderRegistry of(List<? extends CipherProvider> ciphers, List<? extends FecProvider> fecs,
            List<? extends CongestionControlProvider> congestionControls) {
        return new ProviderRegistry(List.copyOf(ciphers), List.copyOf(fecs), List.copyOf(congestionControls));
    }

    private static <P> Map<String, P> index(Iterable<P> providers, Function<P, String> name, ProviderKind kind,
            List<String> conflicts, Map<String, String> refused) {
        Map<String, P> byName = new LinkedHashMap<>();
        for (P provider : providers) {
            String refusal = ProviderChecks.refusal(kind, provider);
            if (refusal != null) {
                refused.putIfAbsent(refusalKey(kind, provider, name), refusal);
                continue;
            }
            String n = name.apply(provider);
            P first = byName.putIfAbsent(n, provider);
            if (first != null) {
                conflicts.add(kind.label() + " '" + n + "' is provided by " + origin(first) + " and by "
                        + origin(provider) + "; using the one from " + origin(first));
            }
        }
        return Collections.unmodifiableMap(byName);
    }

    private static <P> String refusalKey(ProviderKind kind, P provider, Function<P, String> name) {
        try {
            return kind + ":" + name.apply(provider);
        } catch (RuntimeException e) {
            return kind + ":" + provider.getClass().getName();
        }
    }

    /**
     * @param provider a provider instance
     * @return the name of the module it came from, or the class-path location of an unnamed module
     */
    public static String origin(Object provider) {
        Module module = provider.getClass().getModule();
        if (module.isNamed()) {
            return module.getName();
        }
        var source = provider.getClass().getProtectionDomain().getCodeSource();
        return "class path" + (source == null ? "" : " (" + source.getLocation() + ")");
    }

    /** @return cipher providers, in discovery order */
    public List<CipherProvider> ciphers() {
        return List.copyOf(ciphers.values());
    }

    /** @return FEC providers, in discovery order */
    public List<FecProvider> fecs() {
        return List.copyOf(fecs.values());
    }

    /** @return congestion-control providers, in discovery order */
    public List<CongestionControlProvider> congestionControls() {
        return List.copyOf(congestionControls.values());
    }

    /**
     * @param kind a provider kind
     * @return the wire names present for that kind, in discovery order
     */
    public List<String> names(ProviderKind kind) {
        return List.copyOf(switch (kind) {
            case CIPHER -> ciphers.keySet();
            case FEC -> fecs.keySet();
            case CONGESTION_CONTROL -> congestionControls.keySet();
        });
    }

    /** @return one sentence per wire name claimed by more than one provider */
    public List<String> conflicts() {
        return conflicts;
    }

    /**
     * @return one sentence per provider refused when loaded, naming it, its class and module, and the declared
     *     value that is out of range (see {@link ProviderChecks})
     */
    public List<String> refused() {
        return List.copyOf(refused.values());
    }

    /**
     * @param kind a provider kind
     * @param name a wire name
     * @return why a provider of that kind and name was refused when loaded, or {@code null} if none was
     */
    public String refusal(ProviderKind kind, String name) {
        return refused.get(kind + ":" + name);
    }

    /**
     * @param name a wire name
     * @return the cipher of that name
     * @throws ProviderNotFoundException if absent, naming what is present and the module to add
     */
    public CipherProvider cipher(String name) {
        return require(ciphers, name, ProviderKind.CIPHER);
    }

    /**
     * @param name a wire name
     * @return the FEC scheme of that name
     * @throws ProviderNotFoundException if absent, naming what is present and the module to add
     */
    public FecProvider fec(String name) {
        return require(fecs, name, ProviderKind.FEC);
    }

    /**
     * @param name a wire name
     * @return the congestion control of that name
     * @throws ProviderNotFoundException if absent, naming what is present and the module to add
     */
    public CongestionControlProvider congestionControl(String name) {
        return require(congestionControls, name, ProviderKind.CONGESTION_CONTROL);
    }

    /**
     * @param kind a provider kind
     * @param name a wire name
     * @return whether a provider of that kind and name is present
     */
    public boolean has(ProviderKind kind, String name) {
        return names(kind).contains(name);
    }

    private <P> P require(Map<String, P> byName, String name, ProviderKind kind) {
        P provider = byName.get(Objects.requireNonNull(name, "name"));
        if (provider == null) {
            String refusal = refusal(kind, name);
            if (refusal != null) {
                throw new ProviderNotFoundException("no usable " + kind.label() + " provider '" + name + "': "
                        + refusal + "; present: " + byName.keySet());
            }
            throw new ProviderNotFoundException("no " + kind.label() + " provider '" + name + "' found; present: "
                    + byName.keySet() + "; " + kind.moduleHint(name));
        }
        return provider;
    }

    /** @return one line per provider: kind, wire name and origin module; then one per refused provider */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        describe(sb, ProviderKind.CIPHER, ciphers);
        describe(sb, ProviderKind.FEC, fecs);
        describe(sb, ProviderKind.CONGESTION_CONTROL, congestionControls);
        refused.values().forEach(r -> sb.append("refused: ").append(r).append('\n'));
        return sb.toString();
    }

    private static void describe(StringBuilder sb, ProviderKind kind, Map<String, ?> byName) {
        byName.forEach((name, p) -> sb.append(kind.label()).append(' ').append(name).append(" [")
                .append(origin(p)).append("]\n"));
    }
}
