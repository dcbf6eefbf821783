package io.uxp.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code uxp} command. Every subcommand has {@code --help} and {@code --version}; exit code
 * 0 means success, 1 a failed check or error (for example a transfer whose hashes differ, or a server that
 * does not answer), 2 bad arguments. Errors are one line naming what was wrong and what to do
 * ({@link Failures}); a bad argument adds a pointer to {@code --help} instead of the whole usage.
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
     * Sets slf4j-simple's defaults unless the user set them: INFO with short timestamps for the long-running
     * servers (server, relay), whose log is their record of connections; WARN without timestamps for the
     * others, whose own lines (progress, summary, errors) are their record and must not be interleaved with
     * log lines.
     */
    private static void configureLogging(String command) {
        boolean server = command.equals("server") || command.equals("relay");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", server ? "info" : "warn");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", String.valueOf(server));
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", String.valueOf(server));
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
        for (CommandLine sub : cl.getSubcommands().values()) {
            sub.getCommandSpec().versionProvider(new Version());
        }
        cl.setParameterExceptionHandler((e, args) -> Failures.badArguments(e));
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> Failures.failed(e, commandLine));
        return cl;
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
        /** The arguments were wrong: nothing was done. */
        static final int USAGE = 2;

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
