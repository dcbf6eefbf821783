/**
 * Test support shared by UXP's modules: a deterministic, seeded in-memory link simulator, and a child JVM on the
 * plain class path for proving that providers are found through {@code META-INF/services}. Not published; the
 * cipher checks that third parties may use are in {@code io.uxp.provider.checks} (uxp-provider-checks).
 */
module io.uxp.testkit {
    requires io.uxp.api;

    exports io.uxp.testkit;
}
