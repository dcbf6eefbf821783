/** Test support shared by UXP's modules: a deterministic, seeded in-memory link simulator. Not published. */
module io.uxp.testkit {
    exports io.uxp.testkit;
}
