/**
 * The record layer (docs/PROTOCOL.md sections 9 and 10): the cleartext header flyweight, sealing and opening in
 * place with per-packet nonces, the replay window, the key-update ratchet and the frames inside a record. No
 * allocation per packet.
 */
package io.uxp.runtime.record;
