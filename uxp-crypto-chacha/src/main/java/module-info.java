/** The {@code chacha20-poly1305} cipher provider (RFC 8439), on Bouncy Castle's lightweight API. */
module io.uxp.crypto.chacha {
    requires io.uxp.api;
    requires org.bouncycastle.provider;
}
