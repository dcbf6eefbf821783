package com.example.uxp.aesgcm;

import io.uxp.provider.checks.CipherVector;
import io.uxp.provider.checks.CipherVectors;
import org.junit.jupiter.api.Test;

/**
 * The AES-256 test cases of the GCM specification: D. McGrew and J. Viega, "The Galois/Counter Mode of Operation
 * (GCM)", revised May 2005, Appendix B, test cases 14, 15 and 16 (the vectors NIST's GCM validation starts from,
 * SP 800-38D). Test cases 13 (empty plaintext) and 17/18 (IVs that are not 96 bits) do not fit UXP's cipher SPI:
 * the record layer never seals an empty plaintext and always passes a 12-byte nonce.
 */
class AesGcmVectorTest {

    private static final AesGcmCipherProvider PROVIDER = new AesGcmCipherProvider();

    private static final String KEY_15 = "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308";
    private static final String IV_15 = "cafebabefacedbaddecaf888";
    private static final String PLAINTEXT_15 = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
            + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
    private static final String CIPHERTEXT_15 = "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
            + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad";

    @Test
    void testCase14AZeroKeySealsOneZeroBlockToThePublishedCiphertextAndTag() {
        CipherVectors.check(PROVIDER, CipherVector.ofHex("GCM spec test case 14", "00".repeat(32), "00".repeat(12),
                "", "00".repeat(16), "cea7403d4d606b6e074ec5d3baf39d18" + "d0d1c8a799996bf0265b98b5d48ab919"));
    }

    @Test
    void testCase15FourFullBlocksWithoutAssociatedDataSealToThePublishedCiphertextAndTag() {
        CipherVectors.check(PROVIDER, CipherVector.ofHex("GCM spec test case 15", KEY_15, IV_15, "", PLAINTEXT_15,
                CIPHERTEXT_15 + "b094dac5d93471bdec1a502270e3cc6c"));
    }

    @Test
    void testCase16APartialLastBlockWithAssociatedDataSealsToThePublishedCiphertextAndTag() {
        // 60 bytes of plaintext and 20 of associated data: both end in a partial block
        CipherVectors.check(PROVIDER, CipherVector.ofHex("GCM spec test case 16", KEY_15, IV_15,
                "feedfacedeadbeeffeedfacedeadbeefabaddad2", PLAINTEXT_15.substring(0, 120),
                CIPHERTEXT_15.substring(0, 120) + "76fc6ece0f4e1768cddf8853bb2d551b"));
    }
}
