package io.uxp.testkit;

import io.uxp.api.spi.ProviderRegistry;

/** Main class for {@link ClassPathJvm#listProviders()}: prints what the registry finds and where from. */
public final class ProviderListing {

    private ProviderListing() {
    }

    /** @param args ignored */
    public static void main(String[] args) {
        System.out.println("module named: " + ProviderListing.class.getModule().isNamed());
        System.out.print(ProviderRegistry.load());
    }
}
