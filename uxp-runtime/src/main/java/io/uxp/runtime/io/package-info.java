/**
 * Sockets: reading a ready channel into pooled datagram slots ({@link io.uxp.runtime.io.DatagramReads}, used by
 * the workers that read their own sockets and by the receive thread of a server with one socket), the slots that
 * carry received bytes to the owning worker, and the per-worker sender that never blocks.
 */
package io.uxp.runtime.io;
