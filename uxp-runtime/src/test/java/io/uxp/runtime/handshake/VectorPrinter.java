package io.uxp.runtime.handshake;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prints the outputs of {@link VectorScenario} and {@link ExtraVectorScenario} for the document's inputs; a tool to
 * write docs/PROTOCOL.md. A trailing run of at least 32 zero bytes (a ClientHello's padding) prints as
 * {@code zeros N}, which {@link ProtocolVectors} reads back.
 */
final class VectorPrinter {

    private VectorPrinter() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, byte[]> in = new LinkedHashMap<>(ProtocolVectors.read(ProtocolVectors.document()));
        Map<String, byte[]> out = new LinkedHashMap<>(VectorScenario.run(in));
        out.putAll(ExtraVectorScenario.run(in));
        for (var e : out.entrySet()) {
            System.out.println("```vector " + e.getKey());
            System.out.print(format(e.getValue()));
            System.out.println("```");
        }
    }

    static String format(byte[] b) {
        HexFormat hex = HexFormat.of();
        int end = b.length;
        while (end > 0 && b[end - 1] == 0) {
            end--;
        }
        int zeros = b.length - end;
        if (zeros < 32) {
            end = b.length;
            zeros = 0;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < end; i += 32) {
            sb.append(hex.formatHex(b, i, Math.min(end, i + 32))).append('\n');
        }
        if (zeros > 0) {
            sb.append("zeros ").append(zeros).append('\n');
        }
        return sb.toString();
    }
}
