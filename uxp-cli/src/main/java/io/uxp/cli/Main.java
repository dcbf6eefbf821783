package io.uxp.cli;

import java.io.PrintWriter;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code uxp} command. Every subcommand has {@code --help}; exit code 0 means success,
 * 1 a failed check (for example a transfer whose hashes differ), 2 bad arguments.
 */
@Command(name = "uxp", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Reliable, encrypted, low-latency connections over UDP.",
        subcommands = {DemoCommand.class, ServerCommand.class, ClientCommand.class, KeygenCommand.class,
            ProvidersCommand.class, RelayCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        configureLogging(args.length > 0 ? args[0] : "");
        System.exit(run(args));
    }

    /**
     * Sets slf4j-simple's defaults unless the user set them: short timestamps, and INFO for the long-running
     * commands (server, client, relay), whose log is their record of connections, WARN for the others.
     */
    private static void configureLogging(String command) {
        String level = switch (command) {
            case "server", "client", "relay" -> "info";
            default -> "warn";
        };
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", level);
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /**
     * Runs the command line without exiting, for tests.
     *
     * @param args the arguments
     * @return the exit code
     */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /**
     * Runs the command line with its output captured, for tests.
     *
     * @param out standard output
     * @param err standard error
     * @param args the arguments
     * @return the exit code
     */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("uxp " + commandLine.getCommandName() + ": " + describe(e));
            return Exit.FAILED;
        });
        return cl;
    }

    private static String describe(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return message == null ? t.toString() : message;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Exit codes. */
    static final class Exit {
        /** Everything worked and verified. */
        static final int OK = 0;
        /** A check failed or an error occurred. */
        static final int FAILED = 1;

        private Exit() {
        }
    }

    /** Prints the version from the jar's manifest, if any. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getModule().getDescriptor() == null ? null
                    : Main.class.getModule().getDescriptor().rawVersion().orElse(null);
            return new String[] {"uxp " + (v == null ? "(development build)" : v)};
        }
    }
}
