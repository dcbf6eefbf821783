package io.uxp.runtime.session;

/**
 * Lets an adapter stop and restart the delivery of received data, so that a slow consumer closes KCP's
 * receive window instead of buffering without bound. Implemented by the runtime's connections; may be
 * called from any thread.
 */
public interface ReadControl {

    /** Stops taking received data out of KCP; data already delivered stays delivered. */
    void pauseReading();

    /** Resumes delivery. */
    void resumeReading();
}
