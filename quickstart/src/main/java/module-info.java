/** The quick start as a named module: it reads the runtime, and the API through it. */
module example {
    requires io.uxp.runtime;   // brings io.uxp.api with it (requires transitive)
}
