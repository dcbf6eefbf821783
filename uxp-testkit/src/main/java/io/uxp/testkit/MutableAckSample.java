package io.uxp.testkit;

import io.uxp.api.spi.AckSample;

/**
 * A mutable {@link AckSample} a test fills in place and reuses, as the engine does; each public field is what the
 * getter of the same name returns (units as in the SPI). For testing congestion controllers without an engine.
 */
public final class MutableAckSample implements AckSample {

    public long nowMicros;
    public long rttMicros = -1;
    public long ackedBytes;
    public long deliveredBytes;
    public long intervalMicros;
    public boolean appLimited;
    public long priorDeliveredBytes;
    public long totalDeliveredBytes;
    public long bytesInFlight;
    public int remoteWindow = 1024;
    public boolean cumulativeAdvanced = true;

    @Override
    public long nowMicros() {
        return nowMicros;
    }

    @Override
    public long rttMicros() {
        return rttMicros;
    }

    @Override
    public long ackedBytes() {
        return ackedBytes;
    }

    @Override
    public long deliveredBytes() {
        return deliveredBytes;
    }

    @Override
    public long intervalMicros() {
        return intervalMicros;
    }

    @Override
    public boolean appLimited() {
        return appLimited;
    }

    @Override
    public long priorDeliveredBytes() {
        return priorDeliveredBytes;
    }

    @Override
    public long totalDeliveredBytes() {
        return totalDeliveredBytes;
    }

    @Override
    public long bytesInFlight() {
        return bytesInFlight;
    }

    @Override
    public int remoteWindow() {
        return remoteWindow;
    }

    @Override
    public boolean cumulativeAdvanced() {
        return cumulativeAdvanced;
    }
}
