package io.uxp.it;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/** Small helpers over Testcontainers for the tests of this module. */
final class Containers {

    private Containers() {
    }

    /** @return the container's address on its (single) network: a test host of our own */
    static String ip(GenericContainer<?> container) {
        return container.getContainerInfo().getNetworkSettings().getNetworks().values().iterator().next()
                .getIpAddress();
    }

    /**
     * Stops a container with SIGTERM (so shutdown hooks run and print their reports), waiting up to 10 s, and
     * returns everything it logged.
     */
    static String stopGracefully(GenericContainer<?> container) {
        DockerClientFactory.instance().client().stopContainerCmd(container.getContainerId()).withTimeout(10).exec();
        return container.getLogs();
    }
}
