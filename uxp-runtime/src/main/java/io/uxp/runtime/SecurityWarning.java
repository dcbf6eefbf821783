package io.uxp.runtime;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * The warning an unauthenticated security choice promises, so that it cannot be lost silently: logged through
 * SLF4J, and, when SLF4J found no provider (it then prints "No SLF4J providers were found" once and drops every
 * event), also once per message through {@link System.Logger}, which prints to standard error unless configured
 * otherwise. An application that chose {@code slf4j-nop} chose silence and gets none.
 */
final class SecurityWarning {

    /** The provider of slf4j-nop, the one deliberate way to drop every event. */
    private static final String NOP_PROVIDER = "org.slf4j.nop.NOPServiceProvider";
    private static final Set<String> SHOWN_WITHOUT_SLF4J = ConcurrentHashMap.newKeySet();

    private SecurityWarning() {
    }

    /**
     * @param log the logger of the class that makes the choice
     * @param message the warning
     */
    static void warn(Logger log, String message) {
        log.warn(message);
        if (slf4jDropsEvents() && SHOWN_WITHOUT_SLF4J.add(message)) {
            System.getLogger(log.getName()).log(System.Logger.Level.WARNING, message + " (shown through "
                    + "System.Logger because SLF4J has no provider; add one, such as org.slf4j:slf4j-simple)");
        }
    }

    private static boolean slf4jDropsEvents() {
        if (!(LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory)) {
            return false;
        }
        try {
            Class.forName(NOP_PROVIDER, false, SecurityWarning.class.getClassLoader());
            return false;
        } catch (ClassNotFoundException e) {
            return true;
        }
    }
}
