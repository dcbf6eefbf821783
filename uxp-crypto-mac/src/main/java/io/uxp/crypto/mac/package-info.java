/**
 * The MAC half of the built-in AEADs: {@link io.uxp.crypto.mac.Poly1305} and {@link io.uxp.crypto.mac.TagCompare}.
 */
package io.uxp.crypto.mac;
