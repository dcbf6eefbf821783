/**
 * Poly1305 (RFC 8439 section 2.5) and constant-time tag comparison for the built-in cipher providers. Not an API:
 * exported only to the two provider modules that seal and open with them.
 */
module io.uxp.crypto.mac {
    exports io.uxp.crypto.mac to io.uxp.crypto.chacha, io.uxp.crypto.salsa;
}
