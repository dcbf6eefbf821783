package io.uxp.fec.shard;

import io.uxp.api.spi.ProviderRegistry;

/** Run in a child JVM on the plain class path: prints what {@link ProviderRegistry#load()} finds. */
public final class ClassPathProbe {

    private ClassPathProbe() {
    }

    /** @param args ignored */
    public static void main(String[] args) {
        System.out.print(ProviderRegistry.load());
    }
}
