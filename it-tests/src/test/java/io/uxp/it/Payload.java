package io.uxp.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A file of seeded pseudo-random bytes that a client container sends ({@code uxp client --send}), with the SHA-256
 * this host computed itself: the number every end's report is checked against.
 *
 * @param file the file on this host
 * @param bytes its length
 * @param sha256 its SHA-256, lowercase hex
 */
record Payload(Path file, long bytes, String sha256) {

    /** Where a client container finds the payload. */
    static final String CONTAINER_PATH = "/data/payload.bin";

    private static final Map<Long, Payload> MADE = new ConcurrentHashMap<>();

    /**
     * @param bytes the length
     * @return the payload of that length, written once per run
     */
    static Payload ofBytes(long bytes) {
        return MADE.computeIfAbsent(bytes, Payload::write);
    }

    private static Payload write(long bytes) {
        try {
            Path dir = Files.createDirectories(Path.of(System.getProperty("uxp.build.dir", "target"), "payloads"));
            Path file = dir.resolve("payload-" + bytes + ".bin");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Random random = new Random(bytes);
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
                for (long left = bytes; left > 0; left -= chunk.length) {
                    random.nextBytes(chunk);
                    out.write(chunk, 0, (int) Math.min(chunk.length, left));
                }
            }
            return new Payload(file, bytes, HexFormat.of().formatHex(sha.digest()));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot write a " + bytes + "-byte payload", e);
        }
    }
}
