package io.uxp.kcp;

import io.uxp.api.spi.AckSample;

/**
 * The engine's one reusable {@link AckSample}: {@link DeliveryTracker} fills its fields in place while an input
 * datagram is processed and hands it to the controller once, after the datagram. Times in microseconds, sizes in
 * bytes of segments on the wire (24-byte header plus payload), windows in segments.
 */
final class AckSampleView implements AckSample {
    long nowMicros;
    long rttMicros;
    long ackedBytes;
    long deliveredBytes;
    long intervalMicros;
    boolean appLimited;
    long priorDeliveredBytes;
    long totalDeliveredBytes;
    long bytesInFlight;
    int remoteWindow;
    boolean cumulativeAdvanced;

    /** Starts a new datagram: nothing acknowledged, no samples. */
    void clear(long now) {
        nowMicros = now;
        rttMicros = -1;
        ackedBytes = 0;
        deliveredBytes = 0;
        intervalMicros = -1;
        appLimited = false;
        priorDeliveredBytes = 0;
        totalDeliveredBytes = 0;
        bytesInFlight = 0;
        remoteWindow = 0;
        cumulativeAdvanced = false;
    }

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

    @Override
    public String toString() {
        return "AckSample[now=" + nowMicros + "us rtt=" + rttMicros + "us acked=" + ackedBytes + " delivered="
                + deliveredBytes + "/" + intervalMicros + "us appLimited=" + appLimited + " prior="
                + priorDeliveredBytes + " total=" + totalDeliveredBytes + " inFlight=" + bytesInFlight + " rwnd="
                + remoteWindow + " una+=" + cumulativeAdvanced + "]";
    }
}
