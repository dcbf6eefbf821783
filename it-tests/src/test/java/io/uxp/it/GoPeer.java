package io.uxp.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * Builds the kcp-go peer ({@code src/test/go/kcppeer}) as a static binary from Debian's kcp-go source and wraps it
 * in a {@code FROM scratch} image: no registry is needed.
 */
final class GoPeer {

    /** Where Debian's golang-github-xtaci-kcp-dev puts kcp-go and its dependencies. */
    static final String KCP_GO_GOPATH = "/usr/share/gocode";

    private static Path binary;

    private GoPeer() {
    }

    /** @return the kcppeer binary, built once per test run */
    static synchronized Path binary() throws IOException, InterruptedException {
        if (binary != null) {
            return binary;
        }
        Path sources = Path.of(System.getProperty("uxp.go.sources", "src/test/go")).resolve("kcppeer");
        Path buildDir = Path.of(System.getProperty("uxp.build.dir", "target"));
        Path out = buildDir.resolve("kcppeer/kcppeer");
        Files.createDirectories(out.getParent());
        ProcessBuilder pb = new ProcessBuilder("go", "build", "-o", out.toAbsolutePath().toString(), "main.go")
                .directory(sources.toFile())
                .redirectErrorStream(true);
        pb.environment().put("GO111MODULE", "off");
        pb.environment().put("GOPATH", KCP_GO_GOPATH);
        pb.environment().put("CGO_ENABLED", "0");
        pb.environment().put("GOCACHE", buildDir.resolve("gocache").toAbsolutePath().toString());
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("go build of kcppeer failed:\n" + log);
        }
        binary = out;
        return out;
    }

    /** @return a scratch image holding only the static kcppeer binary */
    static ImageFromDockerfile image() throws IOException, InterruptedException {
        Path bin = binary();
        return new ImageFromDockerfile("uxp-it/kcppeer", false)
                .withFileFromPath("kcppeer", bin)
                // exec form: a scratch image has no shell
                .withFileFromString("Dockerfile", "FROM scratch\nCOPY kcppeer /kcppeer\nENTRYPOINT [\"/kcppeer\"]\n");
    }
}
