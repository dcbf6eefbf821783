/**
 * The one-round-trip handshake (docs/PROTOCOL.md sections 4 to 8 and 11) as I/O-free state machines: messages,
 * the X25519 + HKDF-SHA256 key schedule, cookies, the rate limiter and the pending-handshake limits. Bytes and
 * time in, bytes and events out; randomness is injected.
 */
package io.uxp.runtime.handshake;
