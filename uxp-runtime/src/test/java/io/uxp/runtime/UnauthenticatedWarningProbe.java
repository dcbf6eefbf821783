package io.uxp.runtime;

/** Main class for {@link UnauthenticatedWarningTest}: asks for unauthenticated security twice on each side. */
public final class UnauthenticatedWarningProbe {

    private UnauthenticatedWarningProbe() {
    }

    /** @param args ignored */
    public static void main(String[] args) {
        for (int i = 0; i < 2; i++) {
            ServerSecurity.unauthenticated();
            ClientSecurity.unauthenticated();
        }
        System.out.println("probe done");
    }
}
