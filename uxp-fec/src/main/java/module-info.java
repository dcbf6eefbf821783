/** Reed-Solomon erasure coding over GF(2^8) and the {@code reed-solomon} FEC provider. */
module io.uxp.fec {
    requires io.uxp.api;
}
