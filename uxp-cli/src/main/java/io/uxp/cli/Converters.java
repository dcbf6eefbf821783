package io.uxp.cli;

import java.net.InetSocketAddress;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** Picocli adapters for {@link Args}. */
final class Converters {

    private Converters() {
    }

    /** {@code 10ms}, {@code 1s}. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Args.duration(value);
        }
    }

    /** {@code 64MiB}, {@code 1000}. */
    static final class BytesConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return Args.bytes(value);
        }
    }

    /** {@code 5%}: a fraction in [0, 1]. */
    static final class PercentConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            return Args.percent(value);
        }
    }

    /** {@code host:port}. */
    static final class EndpointConverter implements ITypeConverter<InetSocketAddress> {
        @Override
        public InetSocketAddress convert(String value) {
            return Args.endpoint(value);
        }
    }
}
