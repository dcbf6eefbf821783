package io.uxp.cli;

import io.uxp.runtime.PreSharedKey;
import io.uxp.runtime.ServerKeyPair;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code uxp keygen}: a server's static X25519 key pair. The private key goes to {@code FILE}, created
 * readable by its owner only; the public key to {@code FILE.pub} and to standard output, to pin in clients.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {"Generate a server key pair.",
            "Writes the private key to FILE (owner-only permissions) and the public key to FILE.pub, and "
                + "prints the public key for clients to pin (uxp client --server-key KEY)."})
final class KeygenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Private key file to create.")
    Path out;

    @Option(names = "--force", description = "Replace existing files.")
    boolean force;

    @Option(names = "--psk", description = "Write a random 32-byte pre-shared key instead (for --psk FILE on both "
            + "server and client); nothing is printed, and there is no public half.")
    boolean psk;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Path dir = out.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "--out " + out + ": the directory " + dir
                    + " does not exist; create it first or give another path");
        }
        if (psk) {
            try {
                KeyFiles.writeSecret(out, PreSharedKey.generate(new SecureRandom()).text(), force);
            } catch (FileAlreadyExistsException e) {
                err.println("uxp keygen: " + e.getFile() + " exists; use --force to replace it");
                return Main.Exit.FAILED;
            }
            err.println("pre-shared key written to " + out + " (owner-only); copy it to the other side securely");
            err.flush();
            return Main.Exit.OK;
        }
        ServerKeyPair pair = ServerKeyPair.generate(new SecureRandom());
        Path pub = out.resolveSibling(out.getFileName() + ".pub");
        try {
            KeyFiles.writeSecret(out, pair.privateKeyText(), force);
            KeyFiles.writePublic(pub, pair.publicKey().toString(), force);
        } catch (FileAlreadyExistsException e) {
            err.println("uxp keygen: " + e.getFile() + " exists; use --force to replace it");
            return Main.Exit.FAILED;
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(pair.publicKey());
        stdout.flush();
        err.println("private key written to " + out + " (owner-only); public key to " + pub);
        err.println("pin it in clients: uxp client --server-key " + pair.publicKey() + " --connect HOST:PORT");
        err.flush();
        return Main.Exit.OK;
    }
}
