/**
 * Sockets: the receive thread (one selector over an endpoint's non-blocking datagram channels), the pooled
 * datagram slots that carry received bytes to the workers, and the per-worker sender that never blocks.
 */
package io.uxp.runtime.io;
