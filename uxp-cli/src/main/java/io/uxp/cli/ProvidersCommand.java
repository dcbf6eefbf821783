package io.uxp.cli;

import io.uxp.api.spi.CipherProvider;
import io.uxp.api.spi.CongestionControlProvider;
import io.uxp.api.spi.FecProvider;
import io.uxp.api.spi.ProviderRegistry;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code uxp providers}: every provider {@link ProviderRegistry#load()} finds, with its module. */
@Command(name = "providers", mixinStandardHelpOptions = true,
        description = "List every cipher, FEC and congestion-control provider found, with its module.")
final class ProvidersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ProviderRegistry registry = ProviderRegistry.load();
        out.printf("%-20s %-20s %s%n", "KIND", "NAME", "MODULE");
        for (CipherProvider p : registry.ciphers()) {
            out.printf("%-20s %-20s %s  (overhead %d bytes, key %d bytes, nonce %d bytes)%n", "cipher", p.name(),
                    ProviderRegistry.origin(p), p.overheadBytes(), p.keyBytes(), p.nonceBytes());
        }
        for (FecProvider p : registry.fecs()) {
            out.printf("%-20s %-20s %s%n", "fec", p.name(), ProviderRegistry.origin(p));
        }
        for (CongestionControlProvider p : registry.congestionControls()) {
            out.printf("%-20s %-20s %s%n", "congestion-control", p.name(), ProviderRegistry.origin(p));
        }
        for (String conflict : registry.conflicts()) {
            out.println("warning: " + conflict);
        }
        out.flush();
        return Main.Exit.OK;
    }
}
