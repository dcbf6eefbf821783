/**
 * The {@code xsalsa20-poly1305} cipher provider (NaCl secretbox, tag first), on Bouncy Castle's lightweight API.
 *
 * <p>Exports nothing: the runtime finds {@link io.uxp.crypto.salsa.XSalsa20Poly1305Provider} through
 * {@link java.util.ServiceLoader}.
 */
module io.uxp.crypto.salsa {
    requires io.uxp.api;
    requires org.bouncycastle.provider;
    requires io.uxp.crypto.mac;

    provides io.uxp.api.spi.CipherProvider with io.uxp.crypto.salsa.XSalsa20Poly1305Provider;
}
