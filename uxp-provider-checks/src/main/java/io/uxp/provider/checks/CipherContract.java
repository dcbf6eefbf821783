package io.uxp.provider.checks;

import io.uxp.api.spi.CipherProvider;
import io.uxp.api.spi.PacketOpener;
import io.uxp.api.spi.PacketSealer;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Checks that a {@link CipherProvider} keeps the contract of {@code io.uxp.api.spi} (docs/SPI.md, "Ciphers"): it
 * seals and opens in place without touching a byte outside the sealed body, rejects any flipped bit of the
 * associated data or the body, another key and another nonce, leaves the buffer as it was when opening fails,
 * refuses bad lengths and regions by its return value rather than an exception, checks key lengths when the
 * sealer or opener is made, keeps its own copy of the key, and is unusable after {@code destroy()}.
 *
 * <p>Random inputs come from a seed, so a failure repeats. This does not judge the cryptography: check that with
 * the construction's published vectors ({@link CipherVectors}).
 */
public final class CipherContract {

    /** The seed of {@link #check(CipherProvider)}. */
    public static final long DEFAULT_SEED = 0x5EED_C1F3L;
    /** Sealed and opened packets per check, of random sizes. */
    private static final int ROUNDS = 200;
    private static final int MAX_PLAINTEXT_BYTES = 1500;
    /** The record header UXP passes as associated data is never empty. */
    private static final int MAX_AAD_BYTES = 64;
    /** Longest wire name (docs/PROTOCOL.md). */
    private static final int MAX_NAME_BYTES = 32;

    private CipherContract() {
    }

    /**
     * @param provider the cipher
     * @throws AssertionError naming the first rule broken
     */
    public static void check(CipherProvider provider) {
        check(provider, DEFAULT_SEED);
    }

    /**
     * @param provider the cipher
     * @param seed the seed of the random keys, nonces, associated data and plaintexts
     * @throws AssertionError naming the first rule broken, and the seed
     */
    public static void check(CipherProvider provider, long seed) {
        Check check = new Check(provider, seed);
        check.describesItself();
        check.validatesKeyLengths();
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < ROUNDS; round++) {
            // the first rounds cover the empty and the one-byte plaintext
            int plaintextLength = round < 2 ? round : random.nextInt(MAX_PLAINTEXT_BYTES + 1);
            check.round(random, plaintextLength);
        }
        check.refusesShortBodiesAndBadRegions();
        check.keepsItsOwnKeyCopy();
        check.isUnusableAfterDestroy();
    }

    /** One provider under check: the rules, each failing with the provider's name and the seed. */
    private static final class Check {
        private final CipherProvider provider;
        private final long seed;
        private final int prefix;
        private final int overhead;

        Check(CipherProvider provider, long seed) {
            this.provider = provider;
            this.seed = seed;
            this.prefix = provider.prefixBytes();
            this.overhead = provider.overheadBytes();
        }

        void describesItself() {
            String name = provider.name();
            if (name == null || name.isEmpty() || name.length() > MAX_NAME_BYTES
                    || !name.chars().allMatch(c -> c > ' ' && c < 0x7F)) {
                throw fail("the wire name must be 1 to " + MAX_NAME_BYTES + " printable ASCII characters without "
                        + "spaces, was \"" + name + "\"");
            }
            if (provider.keyBytes() <= 0 || provider.nonceBytes() <= 0 || prefix < 0 || provider.suffixBytes() < 0) {
                throw fail("key and nonce lengths must be positive and prefix and suffix not negative");
            }
            if (overhead != prefix + provider.suffixBytes() || overhead == 0) {
                throw fail("overheadBytes() must be prefixBytes() + suffixBytes(), and an AEAD's tag makes it "
                        + "positive; was " + overhead);
            }
        }

        void validatesKeyLengths() {
            for (int length : new int[] {provider.keyBytes() - 1, provider.keyBytes() + 1}) {
                expectIllegalArgument(() -> provider.newSealer(new byte[length]), "newSealer", length);
                expectIllegalArgument(() -> provider.newOpener(new byte[length]), "newOpener", length);
            }
        }

        void round(SplittableRandom random, int plaintextLength) {
            byte[] key = bytes(random, provider.keyBytes());
            byte[] nonce = bytes(random, provider.nonceBytes());
            byte[] aad = bytes(random, 1 + random.nextInt(MAX_AAD_BYTES));
            byte[] plaintext = bytes(random, plaintextLength);
            Packet packet = new Packet(aad, plaintext, prefix, overhead + plaintextLength, prefix);

            int sealed = provider.newSealer(key).seal(nonce, packet.bytes, packet.aadOffset, packet.aadLength,
                    packet.bodyOffset, plaintextLength);
            if (sealed != overhead + plaintextLength) {
                throw fail("seal of " + plaintextLength + " bytes returned " + sealed + ", expected prefixBytes + "
                        + "plaintext + suffixBytes = " + (overhead + plaintextLength));
            }
            requireUntouched(packet, sealed, "seal");
            if (plaintextLength >= 16 && Arrays.equals(packet.range(packet.plaintextOffset, plaintextLength),
                    plaintext)) {
                throw fail("seal left the " + plaintextLength + "-byte plaintext in clear");
            }
            PacketOpener opener = provider.newOpener(key);
            refusesAFlippedBit(opener, nonce, packet, sealed, random);
            refuses(provider.newOpener(flipOneBit(key, random)), nonce, packet, sealed, "another key");
            refuses(opener, flipOneBit(nonce, random), packet, sealed, "another nonce");

            int opened = open(opener, nonce, packet.bytes, packet.aadOffset, packet.aadLength, packet.bodyOffset,
                    sealed);
            if (opened != plaintextLength) {
                throw fail("open of what was sealed returned " + opened + ", expected " + plaintextLength);
            }
            if (!Arrays.equals(packet.range(packet.plaintextOffset, opened), plaintext)) {
                throw fail("open of what was sealed gave another plaintext (" + plaintextLength + " bytes)");
            }
            requireUntouched(packet, sealed, "open");
        }

        private void refusesAFlippedBit(PacketOpener opener, byte[] nonce, Packet packet, int sealed,
                SplittableRandom random) {
            // associated data and sealed body are contiguous: one bit index covers both
            int bit = random.nextInt((packet.aadLength + sealed) * 8);
            packet.bytes[packet.aadOffset + bit / 8] ^= (byte) (1 << (bit % 8));
            refuses(opener, nonce, packet, sealed, "bit " + bit + " of the associated data and body flipped");
            packet.bytes[packet.aadOffset + bit / 8] ^= (byte) (1 << (bit % 8));
        }

        /** Opening must fail and leave the buffer exactly as it was. */
        private void refuses(PacketOpener opener, byte[] nonce, Packet packet, int sealed, String what) {
            byte[] before = packet.bytes.clone();
            int opened = open(opener, nonce, packet.bytes, packet.aadOffset, packet.aadLength, packet.bodyOffset,
                    sealed);
            if (opened != PacketOpener.FAILED) {
                throw fail("open with " + what + " returned " + opened + ", expected PacketOpener.FAILED");
            }
            if (!Arrays.equals(packet.bytes, before)) {
                throw fail("a failed open (" + what + ") changed the buffer; verify the tag before decrypting");
            }
        }

        void refusesShortBodiesAndBadRegions() {
            PacketOpener opener = provider.newOpener(new byte[provider.keyBytes()]);
            byte[] nonce = new byte[provider.nonceBytes()];
            byte[] packet = new byte[64 + overhead];
            for (int length = 0; length < overhead; length++) {
                expectFailed(opener.getClass(), open(opener, nonce, packet, 0, 4, 4, length),
                        "a " + length + "-byte body, shorter than the overhead");
            }
            int[][] regions = {
                {0, 4, packet.length - 10, 20}, {-1, 4, 4, 20}, {packet.length - 4, 5, 4, 20}, {0, 4, 4, -20},
                {0, -4, 4, 20}, {0, 4, -4, 20}};
            for (int[] r : regions) {
                expectFailed(opener.getClass(), open(opener, nonce, packet, r[0], r[1], r[2], r[3]),
                        "region aad " + r[0] + "+" + r[1] + ", body " + r[2] + "+" + r[3]
                        + " of a " + packet.length + "-byte buffer");
            }
            expectFailed(opener.getClass(), open(opener, new byte[nonce.length - 1], packet, 0, 4, 4, 20),
                    "a " + (nonce.length - 1) + "-byte nonce");
            expectFailed(opener.getClass(), open(opener, null, packet, 0, 4, 4, 20), "a null nonce");
            PacketSealer sealer = provider.newSealer(new byte[provider.keyBytes()]);
            try {
                sealer.seal(new byte[nonce.length - 1], new byte[64 + overhead], 0, 4, 4, 10);
            } catch (RuntimeException expected) {
                return;
            }
            throw fail("seal accepted a " + (nonce.length - 1) + "-byte nonce; it must throw");
        }

        void keepsItsOwnKeyCopy() {
            byte[] key = new byte[provider.keyBytes()];
            Arrays.fill(key, (byte) 9);
            PacketSealer sealer = provider.newSealer(key);
            PacketOpener opener = provider.newOpener(key.clone());
            Arrays.fill(key, (byte) 0);
            byte[] packet = new byte[4 + overhead + 10];
            int sealed = sealer.seal(new byte[provider.nonceBytes()], packet, 0, 4, 4, 10);
            if (open(opener, new byte[provider.nonceBytes()], packet, 0, 4, 4, sealed) != 10) {
                throw fail("wiping the caller's key array after newSealer changed what the sealer seals under; "
                        + "keep a copy of the key");
            }
        }

        void isUnusableAfterDestroy() {
            byte[] nonce = new byte[provider.nonceBytes()];
            byte[] packet = new byte[4 + overhead + 10];
            // sealed under the all-zero key, which a careless destroy() wipes the opener's key to
            int sealed = provider.newSealer(new byte[provider.keyBytes()]).seal(nonce, packet, 0, 4, 4, 10);
            PacketOpener opener = provider.newOpener(new byte[provider.keyBytes()]);
            opener.destroy();
            expectFailed(opener.getClass(), open(opener, nonce, packet, 0, 4, 4, sealed), "a destroyed opener");
            PacketSealer sealer = provider.newSealer(new byte[provider.keyBytes()]);
            sealer.destroy();
            try {
                sealer.seal(nonce, packet, 0, 4, 4, 10);
            } catch (IllegalStateException expected) {
                return;
            } catch (RuntimeException e) {
                throw fail("a destroyed sealer must throw IllegalStateException, threw " + e);
            }
            throw fail("a destroyed sealer sealed; it must throw IllegalStateException");
        }

        private int open(PacketOpener opener, byte[] nonce, byte[] packet, int aadOffset, int aadLength,
                int bodyOffset, int bodyLength) {
            try {
                return opener.open(nonce, packet, aadOffset, aadLength, bodyOffset, bodyLength);
            } catch (RuntimeException e) {
                AssertionError error = fail("open threw " + e + " for aad " + aadOffset + "+" + aadLength
                        + ", body " + bodyOffset + "+" + bodyLength + "; it must return PacketOpener.FAILED");
                error.initCause(e);
                throw error;
            }
        }

        private void expectFailed(Class<?> opener, int opened, String what) {
            if (opened != PacketOpener.FAILED) {
                throw fail(opener.getSimpleName() + ".open of " + what + " returned " + opened
                        + ", expected PacketOpener.FAILED");
            }
        }

        private void expectIllegalArgument(Runnable make, String method, int length) {
            try {
                make.run();
            } catch (IllegalArgumentException expected) {
                return;
            } catch (RuntimeException e) {
                throw fail(method + " with a " + length + "-byte key must throw IllegalArgumentException, threw " + e);
            }
            throw fail(method + " accepted a " + length + "-byte key; it takes " + provider.keyBytes());
        }

        private void requireUntouched(Packet packet, int sealed, String operation) {
            String touched = packet.untouchedOutsideBody(sealed);
            if (touched != null) {
                throw fail(operation + " wrote outside the sealed body: " + touched);
            }
        }

        private static byte[] bytes(SplittableRandom random, int length) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            return bytes;
        }

        private static byte[] flipOneBit(byte[] bytes, SplittableRandom random) {
            byte[] other = bytes.clone();
            int bit = random.nextInt(other.length * 8);
            other[bit / 8] ^= (byte) (1 << (bit % 8));
            return other;
        }

        private AssertionError fail(String what) {
            return new AssertionError("cipher '" + provider.name() + "' (" + provider.getClass().getName()
                    + ", seed " + seed + "): " + what);
        }
    }
}
