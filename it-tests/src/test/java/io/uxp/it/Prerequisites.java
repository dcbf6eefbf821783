package io.uxp.it;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

/**
 * Decides whether the container tests can run. Where Docker or Go is missing they are skipped with the reason,
 * except when {@code UXP_IT_REQUIRED=1} (CI): then a missing prerequisite fails the test, so CI can never pass
 * by skipping them.
 */
final class Prerequisites {

    private Prerequisites() {
    }

    static boolean required() {
        return "1".equals(System.getenv("UXP_IT_REQUIRED"));
    }

    /** Skips (or, in CI, fails) unless a Docker engine answers. */
    static void requireDocker() {
        boolean available = DockerClientFactory.instance().isDockerAvailable();
        check(available, "no Docker engine answers; scripts/test.sh installs and starts one as root");
    }

    /** Skips (or, in CI, fails) unless the Go tool chain and kcp-go's Debian source are installed. */
    static void requireGoAndKcpGo() {
        check(commandWorks("go", "version"), "Go is not installed (Debian package golang-go)");
        check(new java.io.File(GoPeer.KCP_GO_GOPATH + "/src/github.com/xtaci/kcp-go").isDirectory(),
                "kcp-go's source is not installed (Debian package golang-github-xtaci-kcp-dev)");
    }

    /**
     * Skips (or, in CI, fails) unless this process may change a container's packet filter from the host: root, with
     * {@code nsenter} and {@code iptables} (scripts/test.sh runs as root on Debian, where both are installed).
     */
    static void requireRootNsenterAndIptables() {
        check(commandWorks("id", "-u") && "0".equals(output("id", "-u").strip()),
                "not root: iptables rules in a container's network namespace need root");
        check(commandWorks("nsenter", "--version"), "nsenter is not installed (Debian package util-linux)");
        check(commandWorks("iptables", "--version"), "iptables is not installed (Debian package iptables)");
    }

    private static String output(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (java.io.IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static void check(boolean ok, String reason) {
        if (required() && !ok) {
            throw new AssertionError("UXP_IT_REQUIRED=1 but " + reason);
        }
        Assumptions.assumeTrue(ok, reason);
    }

    private static boolean commandWorks(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
