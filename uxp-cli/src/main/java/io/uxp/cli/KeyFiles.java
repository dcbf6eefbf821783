package io.uxp.cli;

import io.uxp.runtime.PreSharedKey;
import io.uxp.runtime.ServerKeyPair;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Reads and writes key files: one key as text (base64url) on one line. Secret files are created readable by
 * their owner only, atomically with the permissions, so no other user can open them in between. Reading
 * refuses, with a {@link UserError} naming the option and the fix, a missing or unreadable file, a file that
 * holds no key, and a public key given where the private key is needed.
 */
final class KeyFiles {

    /** rw------- : the owner reads and writes, nobody else anything. */
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** What {@code uxp keygen} appends to the public half's file name. */
    static final String PUBLIC_SUFFIX = ".pub";

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
     * @param option the option that named it, for messages
     * @param warnings where a warning about the file's permissions goes
     * @return the key pair
     * @throws UserError if the file is missing, unreadable, a public key, or no key
     */
    static ServerKeyPair readKeyPair(Path file, String option, PrintWriter warnings) {
        String text = readKeyText(file, option, "the private key file written by uxp keygen --out FILE");
        if (file.getFileName() != null && file.getFileName().toString().endsWith(PUBLIC_SUFFIX)) {
            throw UserError.badArgument(option + " " + file + ": this is a public key; pass the private key "
                    + "file written by keygen (the same name without " + PUBLIC_SUFFIX + ")");
        }
        ServerKeyPair pair;
        try {
            pair = ServerKeyPair.parsePrivateKey(text);
        } catch (IllegalArgumentException e) {
            throw UserError.badArgument(option + " " + file + " holds no key (expected one line of base64url or 64 "
                    + "hex digits, as written by uxp keygen --out FILE)");
        }
        Path pub = file.resolveSibling(file.getFileName() + PUBLIC_SUFFIX);
        if (Files.isRegularFile(pub) && !pair.publicKey().toString().equals(readQuietly(pub))) {
            warnings.println("warning: " + pub + " does not hold this key's public half; clients pinning it will "
                    + "fail to authenticate the server");
        }
        warnIfShared(file, warnings);
        return pair;
    }

    /**
     * @param file a file holding a pre-shared key as text
     * @param option the option that named it, for messages
     * @param warnings where a warning about the file's permissions goes
     * @return the key
     * @throws UserError if the file is missing, unreadable, or holds no key
     */
    static PreSharedKey readPreSharedKey(Path file, String option, PrintWriter warnings) {
        String text = readKeyText(file, option, "a file written by uxp keygen --psk --out FILE");
        PreSharedKey key;
        try {
            key = PreSharedKey.parse(text);
        } catch (IllegalArgumentException e) {
            throw UserError.badArgument(option + " " + file + " holds no pre-shared key (expected one line of "
                    + "base64url or 64 hex digits, as written by uxp keygen --psk --out FILE)");
        }
        warnIfShared(file, warnings);
        return key;
    }

    /**
     * @param file a key file
     * @param option the option that named it
     * @param expected what the option expects, for the message
     * @return the file's text, stripped
     * @throws UserError if it is missing, a directory or unreadable
     */
    static String readKeyText(Path file, String option, String expected) {
        if (!Files.exists(file)) {
            throw UserError.badArgument(option + " " + file + ": no such file; pass " + expected);
        }
        if (!Files.isRegularFile(file)) {
            throw UserError.badArgument(option + " " + file + " is not a regular file; pass " + expected);
        }
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UserError(option + " " + file + " cannot be read (" + Failures.describe(e) + "); check its "
                    + "permissions", Main.Exit.FAILED);
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            return null;
        }
    }

    private static void warnIfShared(Path file, PrintWriter warnings) {
        if (!supportsPosix(file)) {
            return;
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(p -> !OWNER_ONLY.contains(p))) {
                warnings.println("warning: secret key file " + file + " is accessible to others ("
                        + PosixFilePermissions.toString(perms) + "); run chmod 600 " + file);
                warnings.flush();
            }
        } catch (IOException e) {
            // the file was just read: a failure to read its mode only costs the warning
        }
    }

    private static boolean supportsPosix(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        return (dir == null ? file.getFileSystem() : dir.getFileSystem())
                .supportedFileAttributeViews().contains("posix");
    }
}
