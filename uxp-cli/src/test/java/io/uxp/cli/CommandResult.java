package io.uxp.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/**
 * One run of the command line with its output captured: the command's own out and err, and, with
 * {@link #runWithLog}, what reached the process's standard error meanwhile ({@link #log}: slf4j-simple's
 * lines).
 */
record CommandResult(int exitCode, String out, String err, String log) {

    static CommandResult run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CommandResult(code, out.toString(), err.toString(), "");
    }

    /**
     * Runs with {@link System#err} swapped for a buffer, so that log lines are captured too: only for a command
     * that runs alone (tests do not run in parallel), never beside another command in the same JVM.
     */
    static CommandResult runWithLog(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream previous = System.err;
        int code;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        } finally {
            System.setErr(previous);
        }
        String logged = log.toString(StandardCharsets.UTF_8);
        previous.print(logged);
        return new CommandResult(code, out.toString(), err.toString(), logged);
    }

    /** @return everything the user would see */
    String all() {
        return out + err + log;
    }
}
