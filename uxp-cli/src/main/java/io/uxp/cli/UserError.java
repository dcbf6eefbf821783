package io.uxp.cli;

/**
 * A failure the user can fix, with the message to print as it is (it names what was wrong and what to do)
 * and the exit code: {@link Main.Exit#USAGE} when an argument was wrong, {@link Main.Exit#FAILED} otherwise.
 */
final class UserError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * @param message what was wrong and what to do
     * @param exitCode the process's exit code
     */
    UserError(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /**
     * @param message what was wrong with an argument and what to do
     * @return an error that exits with {@link Main.Exit#USAGE}
     */
    static UserError badArgument(String message) {
        return new UserError(message, Main.Exit.USAGE);
    }

    /** @return the process's exit code */
    int exitCode() {
        return exitCode;
    }
}
