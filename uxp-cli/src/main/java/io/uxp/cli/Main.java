package io.uxp.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code uxp} command. Every subcommand has {@code --help}; exit code 0 means success,
 * 1 a failed check (for example a transfer whose hashes differ), 2 bad arguments.
 */
@Command(name = "uxp", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Reliable, encrypted, low-latency connections over UDP.",
        subcommands = {KeygenCommand.class,
            ProvidersCommand.class, RelayCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(args));
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
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
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
