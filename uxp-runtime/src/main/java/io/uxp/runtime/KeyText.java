package io.uxp.runtime;

import java.util.Base64;
import java.util.HexFormat;

/** Parses and prints 32-byte keys as unpadded base64url (the printed form) or hex (accepted too). */
final class KeyText {

    /** X25519 keys and UXP pre-shared keys are 32 bytes (RFC 7748 section 5). */
    static final int KEY_BYTES = 32;

    private KeyText() {
    }

    static String print(byte[] key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    static byte[] parse(String text, String what) {
        if (text == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        String t = text.strip();
        byte[] key;
        try {
            key = t.length() == 2 * KEY_BYTES ? HexFormat.of().parseHex(t) : Base64.getUrlDecoder().decode(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is neither 64 hex digits nor base64url of "
                    + KEY_BYTES + " bytes", e);
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException(what + " must be " + KEY_BYTES + " bytes, got " + key.length);
        }
        return key;
    }

    static byte[] checkLength(byte[] key, String what) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException(what + " must be " + KEY_BYTES + " bytes");
        }
        return key.clone();
    }
}
