package io.uxp.kcp.cc;

import io.uxp.api.spi.ProviderRegistry;

/** Run in a child JVM on the class path: prints what {@link ProviderRegistry#load()} finds and where from. */
public final class ClassPathProbe {

    private ClassPathProbe() {
    }

    /** @param args ignored */
    public static void main(String[] args) {
        System.out.println("probe module named: " + ClassPathProbe.class.getModule().isNamed());
        System.out.print(ProviderRegistry.load());
    }
}
