/**
 * The {@code uxp} command: {@code demo}, {@code server}, {@code client}, {@code keygen}, {@code providers},
 * {@code relay} and {@code bench}.
 *
 * <p>An application module: it depends on the runtime and on every built-in provider module, and it is the
 * only UXP module with a logging binding (slf4j-simple, found at run time by SLF4J). The provider modules
 * are not {@code requires}d: they reach the process through service binding, as in a user's application.
 * Picocli reads the command classes reflectively, hence the {@code opens}.
 */
module io.uxp.cli {
    requires io.uxp.runtime;
    requires info.picocli;
    requires org.slf4j;

    opens io.uxp.cli to info.picocli;
}
