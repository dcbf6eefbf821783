package io.uxp.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a child JVM that has everything the current test sees, module path included, on its plain
 * class path: no module graph, so providers can be found only through {@code META-INF/services}. Tests run on the
 * module path (surefire patches them into their module); this is how they prove the class-path route too.
 */
public final class ClassPathJvm {

    /** How long a child may run before it is killed and the call fails. */
    private static final long TIMEOUT_SECONDS = 60;

    private ClassPathJvm() {
    }

    /**
     * What a child JVM printed and how it ended.
     *
     * @param exitCode the child's exit status
     * @param output standard output and standard error, interleaved
     */
    public record Result(int exitCode, String output) {
    }

    /**
     * @param mainClass the class to run; from the test's own classes ({@code target/test-classes} is added) or a
     *     dependency
     * @param args its arguments
     * @return what it printed and its exit status
     * @throws IOException if the child cannot be started
     * @throws InterruptedException if interrupted while waiting
     * @throws AssertionError if the child runs longer than 60 s
     */
    public static Result run(String mainClass, String... args) throws IOException, InterruptedException {
        Set<String> entries = new LinkedHashSet<>();
        entries.add(Path.of(System.getProperty("basedir", "."), "target", "test-classes").toAbsolutePath().toString());
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            String value = System.getProperty(property, "");
            for (String entry : value.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    entries.add(entry);
                }
            }
        }
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-cp", String.join(File.pathSeparator, entries),
                mainClass));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("uxp-classpath-jvm", ".txt");
        try {
            // output goes to a file: a pipe the parent reads only after waiting could fill up and block the child
            Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            if (!child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                throw new AssertionError("child JVM running " + mainClass + " did not exit within "
                        + TIMEOUT_SECONDS + " s:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(child.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /**
     * @return what {@code ProviderRegistry.load()} lists in a class-path child JVM: one line per provider, as
     *     {@code "<kind> <name> [class path (<jar or directory>)]"}, after a first line
     *     {@code "module named: false"}
     * @throws IOException if the child cannot be started
     * @throws InterruptedException if interrupted while waiting
     */
    public static String listProviders() throws IOException, InterruptedException {
        Result result = run(ProviderListing.class.getName());
        if (result.exitCode() != 0) {
            throw new AssertionError("provider listing failed with status " + result.exitCode() + ":\n"
                    + result.output());
        }
        return result.output();
    }
}
