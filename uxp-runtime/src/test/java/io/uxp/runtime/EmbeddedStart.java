package io.uxp.runtime;

import io.uxp.runtime.session.ClientEndpoint;
import io.uxp.runtime.session.EndpointEnvironment;
import io.uxp.runtime.session.ServerEndpoint;
import java.io.IOException;

/**
 * The embedded harness's way into the builders' package-private entry points (test sources only): users have
 * no way to start an endpoint on another environment.
 */
public final class EmbeddedStart {

    private EmbeddedStart() {
    }

    /** @return the server, started on {@code environment} */
    public static UxpServer start(UxpServer.Builder builder, EndpointEnvironment environment) throws IOException {
        return builder.start(environment);
    }

    /** @return the client, built on {@code environment} */
    public static UxpClient build(UxpClient.Builder builder, EndpointEnvironment environment) {
        return builder.build(environment);
    }

    /** @return the server's machinery */
    public static ServerEndpoint endpoint(UxpServer server) {
        return server.endpoint();
    }

    /** @return the client's machinery */
    public static ClientEndpoint endpoint(UxpClient client) {
        return client.endpoint();
    }
}
