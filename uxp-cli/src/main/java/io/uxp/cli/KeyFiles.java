package io.uxp.cli;

import io.uxp.runtime.PreSharedKey;
import io.uxp.runtime.ServerKeyPair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes key files: one key as text (base64url) on one line. Secret files are created readable by
 * their owner only, atomically with the permissions, so no other user can open them in between.
 */
final class KeyFiles {

    /** rw------- : the owner reads and writes, nobody else anything. */
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private static final Logger LOG = LoggerFactory.getLogger(KeyFiles.class);

    private KeyFiles() {
    }

    /**
     * Creates {@code file} with owner-only permissions and writes {@code text} into it.
     *
     * @param file the file
     * @param text the secret
     * @param force whether to replace an existing file
     * @throws FileAlreadyExistsException if it exists and {@code force} is off
     * @throws IOException on any other failure
     */
    static void writeSecret(Path file, String text, boolean force) throws IOException {
        if (force) {
            Files.deleteIfExists(file);
        }
        boolean posix = supportsPosix(file);
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        Files.createFile(file, attributes);
        if (posix) {
            // the umask cannot widen a created file's permissions, but make the mode exact all the same
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
        Files.writeString(file, text + System.lineSeparator(), StandardCharsets.US_ASCII);
    }

    /**
     * Writes a public value, readable by anyone.
     *
     * @param file the file
     * @param text the value
     * @param force whether to replace an existing file
     * @throws IOException if it exists and {@code force} is off, or on any other failure
     */
    static void writePublic(Path file, String text, boolean force) throws IOException {
        if (!force && Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString(), null, "use --force to replace it");
        }
        Files.writeString(file, text + System.lineSeparator(), StandardCharsets.US_ASCII);
    }

    /**
     * @param file a private key file written by {@code uxp keygen}
     * @return the key pair
     * @throws IOException if unreadable
     */
    static ServerKeyPair readKeyPair(Path file) throws IOException {
        warnIfShared(file);
        return ServerKeyPair.parsePrivateKey(Files.readString(file, StandardCharsets.US_ASCII).strip());
    }

    /**
     * @param file a file holding a pre-shared key as text
     * @return the key
     * @throws IOException if unreadable
     */
    static PreSharedKey readPreSharedKey(Path file) throws IOException {
        warnIfShared(file);
        return PreSharedKey.parse(Files.readString(file, StandardCharsets.US_ASCII).strip());
    }

    private static void warnIfShared(Path file) throws IOException {
        if (supportsPosix(file)) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(p -> !OWNER_ONLY.contains(p))) {
                LOG.warn("secret key file {} is accessible to others ({}); run chmod 600 {}", file,
                        PosixFilePermissions.toString(perms), file);
            }
        }
    }

    private static boolean supportsPosix(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        return (dir == null ? file.getFileSystem() : dir.getFileSystem())
                .supportedFileAttributeViews().contains("posix");
    }
}
