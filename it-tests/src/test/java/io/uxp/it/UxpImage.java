package io.uxp.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * A {@code FROM scratch} image holding the {@code uxp} command: a jlink runtime of the CLI and every provider
 * module (all real JPMS modules), plus the few glibc files the JVM links against, copied from this host. No
 * registry is involved. The image's entry point is {@code uxp}: a container's command is the CLI's arguments.
 */
final class UxpImage {

    /** The providers are bound through ServiceLoader, so jlink must be told to link them. */
    private static final String MODULES =
            "io.uxp.cli,io.uxp.cc.bbr,io.uxp.crypto.chacha,io.uxp.crypto.salsa,io.uxp.fec,org.slf4j.simple";

    /** What the linked JVM needs from the C library (ldd on bin/java and lib/*.so, Debian 12). */
    private static final List<String> HOST_LIBRARIES = List.of(
            "/lib/x86_64-linux-gnu/libc.so.6", "/lib/x86_64-linux-gnu/libm.so.6", "/lib/x86_64-linux-gnu/libz.so.1",
            "/lib/x86_64-linux-gnu/libgcc_s.so.1", "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/lib/x86_64-linux-gnu/libdl.so.2", "/lib/x86_64-linux-gnu/libpthread.so.0",
            "/lib/x86_64-linux-gnu/librt.so.1", "/lib64/ld-linux-x86-64.so.2");

    private static Path runtime;

    private UxpImage() {
    }

    /** @return the linked runtime on this host, built once per test run */
    static synchronized Path runtime() throws IOException, InterruptedException {
        if (runtime != null) {
            return runtime;
        }
        Path cliTarget = Path.of(System.getProperty("uxp.cli.target", "../uxp-cli/target"));
        Path modules = cliTarget.resolve("modules");
        Path cliJar;
        try (Stream<Path> jars = Files.list(cliTarget)) {
            cliJar = jars.filter(p -> p.getFileName().toString().matches("uxp-cli-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().contains("-sources")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no uxp-cli jar in " + cliTarget
                            + ": build the reactor (./mvnw verify) rather than it-tests alone"));
        }
        Path out = Path.of(System.getProperty("uxp.build.dir", "target")).resolve("uxp-image");
        deleteRecursively(out);
        Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
        List<String> command = new ArrayList<>(List.of(jlink.toString(), "--ignore-signing-information",
                "--module-path", modules + ":" + cliJar, "--add-modules", MODULES, "--output", out.toString(),
                "--strip-debug", "--no-header-files", "--no-man-pages"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("jlink failed:\n" + log);
        }
        runtime = out;
        return out;
    }

    /** @return the scratch image of the linked runtime */
    static ImageFromDockerfile image() throws IOException, InterruptedException {
        Path image = runtime();
        ImageFromDockerfile dockerfile = new ImageFromDockerfile("uxp-it/uxp", false)
                .withFileFromPath("uxp", image);
        StringBuilder text = new StringBuilder("FROM scratch\nCOPY uxp /opt/uxp\n");
        for (String lib : HOST_LIBRARIES) {
            if (Files.exists(Path.of(lib))) {
                String name = Path.of(lib).getFileName().toString();
                dockerfile.withFileFromPath("lib/" + name, Path.of(lib));
                text.append("COPY lib/").append(name).append(' ').append(lib).append('\n');
            }
        }
        // no /tmp in a scratch image: the JVM's perf data file is not needed
        text.append("ENTRYPOINT [\"/opt/uxp/bin/java\", \"-XX:-UsePerfData\", \"-m\", \"io.uxp.cli/io.uxp.cli.Main\"]\n");
        return dockerfile.withFileFromString("Dockerfile", text.toString());
    }

    /**
     * Runs the linked {@code uxp} command on this host.
     *
     * @return its output; fails the test unless it exits 0 within a minute
     */
    static String runOnHost(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(runtime().resolve("bin/java").toString(), "-m",
                "io.uxp.cli/io.uxp.cli.Main"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new AssertionError("uxp " + String.join(" ", args) + " failed:\n" + out);
        }
        return out;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
