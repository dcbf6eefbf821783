package io.uxp.runtime.handshake;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Prints the outputs of {@link VectorScenario} for the document's inputs; a tool to write docs/PROTOCOL.md. */
final class VectorPrinter {

    private VectorPrinter() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, byte[]> in = new LinkedHashMap<>(ProtocolVectors.read(ProtocolVectors.document()));
        Map<String, byte[]> out = VectorScenario.run(in);
        HexFormat hex = HexFormat.of();
        for (var e : out.entrySet()) {
            System.out.println("```vector " + e.getKey());
            byte[] b = e.getValue();
            for (int i = 0; i < b.length; i += 32) {
                System.out.println(hex.formatHex(b, i, Math.min(b.length, i + 32)));
            }
            System.out.println("```");
        }
    }
}
