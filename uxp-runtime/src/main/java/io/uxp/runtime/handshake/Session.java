package io.uxp.runtime.handshake;

import io.uxp.api.NegotiatedSuite;
import io.uxp.runtime.record.RecordProtector;
import io.uxp.runtime.record.RecordUnprotector;

/**
 * What a completed handshake hands to the connection: the negotiated suite, both connection IDs and the
 * record layer of both directions.
 *
 * @param suite the negotiated providers
 * @param localConnectionId this side's connection ID (incoming records carry it)
 * @param peerConnectionId the peer's connection ID (outgoing records carry it)
 * @param protector seals this side's records
 * @param unprotector opens the peer's records
 */
public record Session(NegotiatedSuite suite, long localConnectionId, long peerConnectionId,
        RecordProtector protector, RecordUnprotector unprotector) {
}
