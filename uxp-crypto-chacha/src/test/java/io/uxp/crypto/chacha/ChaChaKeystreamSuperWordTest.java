package io.uxp.crypto.chacha;

/** {@link ChaChaKeystreamTest} with the lanes left to HotSpot's auto-vectorizer. */
class ChaChaKeystreamSuperWordTest extends ChaChaKeystreamTest {

    @Override
    Lanes lanes() {
        return Lanes.SUPERWORD;
    }
}
