package io.uxp.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server key pair the container tests pin: made once per run by {@code uxp keygen} on this host (the CLI on the
 * module path of the test's own JDK), then copied into the containers.
 */
final class ServerKeys {

    private static Path privateKey;

    private ServerKeys() {
    }

    /** @return the private key file, {@code server.key}, made on first use */
    static synchronized Path privateKey() throws IOException, InterruptedException {
        if (privateKey == null) {
            Path dir = Files.createDirectories(Path.of(System.getProperty("uxp.build.dir", "target"), "keys"));
            Path key = dir.resolve("server.key");
            String out = runOnHost("keygen", "--out", key.toString(), "--force");
            if (!out.contains(Files.readString(publicKeyOf(key)).trim())) {
                throw new AssertionError("uxp keygen did not print the public key it wrote:\n" + out);
            }
            privateKey = key;
        }
        return privateKey;
    }

    /** @return the public key file next to the private key, {@code server.key.pub} */
    static Path publicKey() throws IOException, InterruptedException {
        return publicKeyOf(privateKey());
    }

    private static Path publicKeyOf(Path key) {
        return key.resolveSibling(key.getFileName() + ".pub");
    }

    /**
     * Runs the {@code uxp} command on this host, on the module path the images are linked from.
     *
     * @return its output; fails unless it exits 0 within a minute
     */
    static String runOnHost(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-p", String.join(":", UxpImages.modulePath().stream().map(Path::toString).toList()),
                "-m", "io.uxp.cli/io.uxp.cli.Main"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new AssertionError("uxp " + String.join(" ", args) + " failed:\n" + out);
        }
        return out;
    }
}
