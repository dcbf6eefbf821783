package io.uxp.cc.bbr;

import io.uxp.api.spi.AckSample;

/** A mutable {@link AckSample} a test fills in place and reuses, as the engine does. */
final class FakeAckSample implements AckSample {

    long nowMicros;
    long rttMicros = -1;
    long ackedBytes;
    long deliveredBytes;
    long intervalMicros;
    boolean appLimited;
    long priorDeliveredBytes;
    long totalDeliveredBytes;
    long bytesInFlight;
    int remoteWindow = 1024;
    boolean cumulativeAdvanced = true;

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
