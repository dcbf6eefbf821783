package io.uxp.runtime.io;

/** Where a {@link ReceiveLoop} hands what it read from one channel; called on the receive thread only. */
public interface Inbound {

    /** @param slot a filled slot; the callee hands it to a worker or releases it */
    void onReceived(DatagramSlot slot);

    /** A datagram was read and discarded because every slot was in use. */
    void onNoSlot();

    /**
     * The channel failed or was closed under the loop; it is no longer read.
     *
     * @param error what happened
     */
    void onChannelError(Exception error);
}
