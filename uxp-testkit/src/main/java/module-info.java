/**
 * Test support shared by UXP's modules: a deterministic, seeded in-memory link simulator, and a child JVM on the
 * plain class path for proving that providers are found through {@code META-INF/services}. Not published.
 */
module io.uxp.testkit {
    requires io.uxp.api;
    requires jdk.management;

    exports io.uxp.testkit;
}
