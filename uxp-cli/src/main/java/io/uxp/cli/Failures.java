package io.uxp.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Turns what went wrong into the one line a user reads: {@code uxp client: <what was wrong>; <what to do>}.
 * No exception's class name or stack trace reaches the user; the details are logged at debug level
 * ({@code UXP_JAVA_OPTS=-Dorg.slf4j.simpleLogger.defaultLogLevel=debug}).
 */
final class Failures {

    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);
    /** A qualified Java class name ending in Exception or Error, with its colon: what a message must not show. */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.)+[A-Z]\\w*(?:Exception"
            + "|Error)\\b:?\\s*");

    private Failures() {
    }

    /**
     * A command's arguments were wrong: prints the one relevant line and a pointer to {@code --help}.
     *
     * @param e the parse or validation failure
     * @return {@link Main.Exit#USAGE}
     */
    static int badArguments(ParameterException e) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        String name = cl.getCommandSpec().qualifiedName();
        err.println(name + ": " + clean(e.getMessage()));
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            err.println("did you mean: " + String.join(", ", u.getSuggestions()) + "?");
        }
        err.println("see '" + name + " --help'");
        err.flush();
        return Main.Exit.USAGE;
    }

    /**
     * A command failed while it ran: prints what failed.
     *
     * @param e what the command threw
     * @param cl the command
     * @return the exit code: {@link Main.Exit#USAGE} for a {@link UserError} about an argument, else
     *     {@link Main.Exit#FAILED}
     */
    static int failed(Exception e, CommandLine cl) {
        LOG.debug("{} failed", cl.getCommandSpec().qualifiedName(), e);
        PrintWriter err = cl.getErr();
        String name = cl.getCommandSpec().qualifiedName();
        err.println(name + ": " + describe(e));
        if (e instanceof UserError u && u.exitCode() == Main.Exit.USAGE) {
            err.println("see '" + name + " --help'");
        }
        err.flush();
        return e instanceof UserError u ? u.exitCode() : Main.Exit.FAILED;
    }

    /**
     * @param e a failure
     * @return what it means for the user, without class names
     */
    static String describe(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException
                || t instanceof UncheckedIOException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof UserError) {
            return t.getMessage();
        }
        if (t instanceof NoSuchFileException f) {
            return "no such file: " + f.getFile();
        }
        if (t instanceof AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (t instanceof FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : "cannot be used");
        }
        if (t instanceof BindException) {
            String why = clean(t.getMessage());
            return "cannot listen there: " + why + (why.toLowerCase(java.util.Locale.ROOT).contains("in use")
                    ? "; another process uses the port: pick another or stop it"
                    : "; give an address of this host (or 0.0.0.0) with --listen");
        }
        if (t instanceof TimeoutException) {
            return "timed out; raise --timeout or check that the peer is up";
        }
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return "unexpected internal error" + (t instanceof IOException ? " during I/O" : "")
                    + "; rerun with UXP_JAVA_OPTS=-Dorg.slf4j.simpleLogger.defaultLogLevel=debug for details";
        }
        return clean(message);
    }

    /** @return {@code message} without any qualified exception class name it embeds */
    static String clean(String message) {
        return message == null ? "" : CLASS_NAME.matcher(message).replaceAll("");
    }
}
