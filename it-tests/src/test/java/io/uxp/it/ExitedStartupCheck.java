package io.uxp.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import java.time.Duration;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;

/**
 * A start-up check for a container that runs one command to its end: {@code start()} returns once the container
 * exited, whatever its status (unlike Testcontainers' one-shot check, which fails on a non-zero status), so that a
 * test can read the logs and the status of a run that is meant to fail.
 */
final class ExitedStartupCheck extends StartupCheckStrategy {

    /** @param timeout how long the command may run */
    ExitedStartupCheck(Duration timeout) {
        withTimeout(timeout);
    }

    @Override
    public StartupStatus checkStartupState(DockerClient dockerClient, String containerId) {
        InspectContainerResponse.ContainerState state = getCurrentState(dockerClient, containerId);
        return Boolean.TRUE.equals(state.getRunning()) || state.getFinishedAt() == null
                || state.getFinishedAt().startsWith("0001-") ? StartupStatus.NOT_YET_KNOWN : StartupStatus.SUCCESSFUL;
    }
}
