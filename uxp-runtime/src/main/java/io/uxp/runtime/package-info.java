/**
 * What a UXP user configures for a secure connection: the server's key pair and the client's pinned public key,
 * pre-shared keys, the authentication mode, the provider allow-lists, handshake limits and the key-update
 * policy. The wire protocol these feed is specified in {@code docs/PROTOCOL.md}.
 */
package io.uxp.runtime;
