/** The {@code xsalsa20-poly1305} cipher provider (NaCl secretbox, tag first), on Bouncy Castle's lightweight API. */
module io.uxp.crypto.salsa {
    requires io.uxp.api;
    requires org.bouncycastle.provider;
}
