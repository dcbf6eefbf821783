/**
 * Reed-Solomon erasure coding over GF(2^8) and the {@code reed-solomon} FEC provider.
 *
 * <p>{@code io.uxp.fec} exports the codec ({@link io.uxp.fec.ReedSolomon}) for benchmarks and for tools
 * that want erasure coding without the shard layer; the provider and its shard encoder and decoder live in
 * a package that is not exported and are reached only through {@link io.uxp.api.spi.FecProvider}.
 */
module io.uxp.fec {
    requires io.uxp.api;

    exports io.uxp.fec;

    provides io.uxp.api.spi.FecProvider with io.uxp.fec.shard.ReedSolomonFecProvider;
}
