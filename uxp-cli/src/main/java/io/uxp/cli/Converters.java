package io.uxp.cli;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Picocli adapters for {@link Args}. Each throws {@link TypeConversionException}, whose message picocli prints
 * as it is after the option's name ("Invalid value for option '--loss': ..."), never an exception's name.
 */
final class Converters {

    private Converters() {
    }

    private static <T> T convert(String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** {@code 10ms}, {@code 1s}; {@code 0} too. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Converters.convert(value, Args::duration);
        }
    }

    /** {@code 10ms}, {@code 1s}, never zero: a timeout or a period. */
    static final class PositiveDurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d = Converters.convert(value, Args::duration);
            if (d.isZero()) {
                throw new TypeConversionException("'" + value + "' must be more than zero, e.g. 500ms or 10s");
            }
            return d;
        }
    }

    /** {@code 64MiB}, {@code 1000}. */
    static final class BytesConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return Converters.convert(value, Args::bytes);
        }
    }

    /** {@code 5%}: a fraction in [0, 1]. */
    static final class PercentConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            return Converters.convert(value, Args::percent);
        }
    }

    /** {@code host:port}. */
    static final class EndpointConverter implements ITypeConverter<InetSocketAddress> {
        @Override
        public InetSocketAddress convert(String value) {
            return Converters.convert(value, Args::endpoint);
        }
    }
}
