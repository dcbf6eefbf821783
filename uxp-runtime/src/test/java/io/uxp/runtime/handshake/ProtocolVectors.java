package io.uxp.runtime.handshake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the test vectors of docs/PROTOCOL.md: fenced blocks opened by {@code ```vector <name>}. Inside, each line
 * is hex digits (spaces allowed), {@code zeros <n>} for n zero bytes, or empty; {@code #} starts a comment.
 */
final class ProtocolVectors {

    private ProtocolVectors() {
    }

    /** @return the document, found from the module's directory or the reactor root */
    static Path document() {
        for (Path p : List.of(Path.of("../docs/PROTOCOL.md"), Path.of("docs/PROTOCOL.md"))) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("docs/PROTOCOL.md not found from " + Path.of("").toAbsolutePath());
    }

    static Map<String, byte[]> read(Path document) throws IOException {
        Map<String, byte[]> vectors = new LinkedHashMap<>();
        String name = null;
        StringBuilder hex = null;
        for (String raw : Files.readAllLines(document)) {
            String line = raw.strip();
            if (name == null) {
                if (line.startsWith("```vector ")) {
                    name = line.substring("```vector ".length()).strip();
                    hex = new StringBuilder();
                }
                continue;
            }
            if (line.equals("```")) {
                if (vectors.put(name, HexFormat.of().parseHex(hex)) != null) {
                    throw new IllegalStateException("vector " + name + " appears twice");
                }
                name = null;
                continue;
            }
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (content.startsWith("zeros ")) {
                hex.append("00".repeat(Integer.parseInt(content.substring(6).strip())));
            } else {
                hex.append(content.replace(" ", ""));
            }
        }
        if (name != null) {
            throw new IllegalStateException("vector " + name + " is not closed");
        }
        return vectors;
    }
}
