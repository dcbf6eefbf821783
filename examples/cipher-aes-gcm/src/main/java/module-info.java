/**
 * An example third-party UXP cipher: {@code aes-256-gcm} (NIST SP 800-38D) on the JDK's {@code javax.crypto}.
 *
 * <p>It reads UXP's API and nothing else of UXP's, exports nothing, and is found by {@link java.util.ServiceLoader}:
 * through the {@code provides} below on the module path, through
 * {@code META-INF/services/io.uxp.api.spi.CipherProvider} on the class path.
 */
module com.example.uxp.aesgcm {
    requires io.uxp.api;

    provides io.uxp.api.spi.CipherProvider with com.example.uxp.aesgcm.AesGcmCipherProvider;
}
