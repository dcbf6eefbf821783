package io.uxp.runtime.session;

import io.uxp.api.spi.AckSample;
import io.uxp.api.spi.CongestionControlProvider;
import io.uxp.api.spi.CongestionController;
import io.uxp.api.spi.LossSample;
import io.uxp.api.spi.ProviderKind;

/**
 * A connection's congestion controller as the KCP engine sees it: every callback goes to the provider's
 * controller, and anything it throws comes out as a {@link ProviderFailure} naming the provider, so the
 * connection (not the worker) fails. After that the controller is not called again: the getters answer 0 (for the
 * closing connection's last statistics) and the callbacks do nothing. One more virtual call per callback; nothing
 * allocated.
 */
final class GuardedController implements CongestionController {

    private final String name;
    private final CongestionController controller;
    private boolean failed;

    private GuardedController(String name, CongestionController controller) {
        this.name = name;
        this.controller = controller;
    }

    /**
     * @param provider the negotiated congestion control
     * @param mssBytes the connection's maximum segment payload
     * @return its new controller, guarded
     * @throws ProviderFailure if the provider throws making it
     */
    static GuardedController create(CongestionControlProvider provider, int mssBytes) {
        try {
            return new GuardedController(provider.name(), provider.newController(mssBytes));
        } catch (RuntimeException e) {
            throw ProviderFailure.of(ProviderKind.CONGESTION_CONTROL, provider.name(), provider,
                    "CongestionControlProvider.newController", e);
        }
    }

    private ProviderFailure failed(String call, RuntimeException e) {
        failed = true;
        return ProviderFailure.of(ProviderKind.CONGESTION_CONTROL, name, controller, "CongestionController." + call, e);
    }

    @Override
    public int congestionWindow() {
        if (failed) {
            return 0;
        }
        try {
            return controller.congestionWindow();
        } catch (RuntimeException e) {
            throw failed("congestionWindow", e);
        }
    }

    @Override
    public long pacingRate() {
        if (failed) {
            return 0;
        }
        try {
            return controller.pacingRate();
        } catch (RuntimeException e) {
            throw failed("pacingRate", e);
        }
    }

    @Override
    public int slowStartThreshold() {
        if (failed) {
            return 0;
        }
        try {
            return controller.slowStartThreshold();
        } catch (RuntimeException e) {
            throw failed("slowStartThreshold", e);
        }
    }

    @Override
    public void onSent(long nowMicros, int bytes, boolean retransmission) {
        if (failed) {
            return;
        }
        try {
            controller.onSent(nowMicros, bytes, retransmission);
        } catch (RuntimeException e) {
            throw failed("onSent", e);
        }
    }

    @Override
    public void onAcknowledged(AckSample ack) {
        if (failed) {
            return;
        }
        try {
            controller.onAcknowledged(ack);
        } catch (RuntimeException e) {
            throw failed("onAcknowledged", e);
        }
    }

    @Override
    public void onLost(LossSample loss) {
        if (failed) {
            return;
        }
        try {
            controller.onLost(loss);
        } catch (RuntimeException e) {
            throw failed("onLost", e);
        }
    }
}
