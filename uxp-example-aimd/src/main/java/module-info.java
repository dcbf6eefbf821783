/** Example third-party provider: the {@code example-aimd} congestion control (see docs/SPI.md). */
module io.uxp.example.aimd {
    requires io.uxp.api;

    provides io.uxp.api.spi.CongestionControlProvider with io.uxp.example.aimd.AimdCongestionProvider;
}
