#!/usr/bin/env python3
"""Independent reference for UXP's xsalsa20-poly1305 (docs/CIPHERS.md), in plain Python.

Written from the Salsa20 specification (Bernstein), "Extending the Salsa20 nonce" (HSalsa20/XSalsa20)
and RFC 8439 sections 2.5 and 2.8 (Poly1305 and its AEAD MAC input), sharing no code with the Java
provider. It first checks itself against NaCl's published secretbox vector, then prints the AAD-mode
vector that XSalsa20Poly1305AadVectorTest checks. Run: python3 xsalsa20poly1305_reference.py
"""

import struct

MASK = 0xFFFFFFFF
SIGMA = b"expand 32-byte k"


def rotl(v, c):
    return ((v << c) & MASK) | (v >> (32 - c))


def quarter(x, a, b, c, d):
    x[b] ^= rotl((x[a] + x[d]) & MASK, 7)
    x[c] ^= rotl((x[b] + x[a]) & MASK, 9)
    x[d] ^= rotl((x[c] + x[b]) & MASK, 13)
    x[a] ^= rotl((x[d] + x[c]) & MASK, 18)


def rounds(state):
    x = list(state)
    for _ in range(10):  # 20 rounds: column round + row round, ten times
        quarter(x, 0, 4, 8, 12); quarter(x, 5, 9, 13, 1); quarter(x, 10, 14, 2, 6); quarter(x, 15, 3, 7, 11)
        quarter(x, 0, 1, 2, 3); quarter(x, 5, 6, 7, 4); quarter(x, 10, 11, 8, 9); quarter(x, 15, 12, 13, 14)
    return x


def words(b):
    return list(struct.unpack("<%dI" % (len(b) // 4), b))


def state(key, sixteen):
    c = words(SIGMA)
    k = words(key)
    n = words(sixteen)
    return [c[0], k[0], k[1], k[2], k[3], c[1], n[0], n[1], n[2], n[3], c[2], k[4], k[5], k[6], k[7], c[3]]


def hsalsa20(key, nonce16):
    z = rounds(state(key, nonce16))
    return struct.pack("<8I", *[z[i] for i in (0, 5, 10, 15, 6, 7, 8, 9)])


def salsa20_stream(key, nonce8, length):
    out = b""
    counter = 0
    while len(out) < length:
        s = state(key, nonce8 + struct.pack("<Q", counter))
        z = rounds(s)
        out += struct.pack("<16I", *[(z[i] + s[i]) & MASK for i in range(16)])
        counter += 1
    return out[:length]


def xsalsa20_stream(key, nonce24, length):
    return salsa20_stream(hsalsa20(key, nonce24[:16]), nonce24[16:], length)


def poly1305(key, msg):
    r = int.from_bytes(key[:16], "little") & 0x0FFFFFFC0FFFFFFC0FFFFFFC0FFFFFFF
    s = int.from_bytes(key[16:], "little")
    p = (1 << 130) - 5
    acc = 0
    for i in range(0, len(msg), 16):
        acc = (acc + int.from_bytes(msg[i:i + 16] + b"\x01", "little")) * r % p
    return ((acc + s) & ((1 << 128) - 1)).to_bytes(16, "little")


def pad16(b):
    return b"\x00" * ((16 - len(b) % 16) % 16)


def seal(key, nonce, aad, plaintext):
    """Returns tag || ciphertext: NaCl secretbox when aad is empty, RFC 8439-style MAC input otherwise."""
    stream = xsalsa20_stream(key, nonce, 32 + len(plaintext))
    ciphertext = bytes(a ^ b for a, b in zip(plaintext, stream[32:]))
    if aad:
        mac_input = aad + pad16(aad) + ciphertext + pad16(ciphertext) + struct.pack("<QQ", len(aad), len(ciphertext))
    else:
        mac_input = ciphertext
    return poly1305(stream[:32], mac_input) + ciphertext


NACL_KEY = bytes.fromhex("1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389")
NACL_NONCE = bytes.fromhex("69696ee955b62b73cd62bda875fc73d68219e0036b7a0b37")
NACL_MESSAGE = bytes.fromhex(
    "be075fc53c81f2d5cf141316ebeb0c7b5228c52a4c62cbd44b66849b64244ffc"
    "e5ecbaaf33bd751a1ac728d45e6c61296cdc3c01233561f41db66cce314adb31"
    "0e3be8250c46f06dceea3a7fa1348057e2f6556ad6b1318a024a838f21af1fde"
    "048977eb48f59ffd4924ca1c60902e52f0a089bc76897040e082f93776384864"
    "5e0705")
NACL_BOX = bytes.fromhex(
    "f3ffc7703f9400e52a7dfb4b3d3305d98e993b9f48681273c29650ba32fc76ce"
    "48332ea7164d96a4476fb8c531a1186ac0dfc17c98dce87b4da7f011ec48c972"
    "71d2c20f9b928fe2270d6fb863d51738b48eeee314a7cc8ab932164548e526ae"
    "90224368517acfeabd6bb3732bc0e9da99832b61ca01b6de56244a9e88d5f9b3"
    "7973f622a43d14a6599b1f654cb45a74e355a5")

# the AAD-mode vector under the NaCl key and nonce: a 13-byte header-like AAD (a type byte, an 8-byte
# connection id, a 4-byte packet number) and a 40-byte plaintext
AAD = bytes.fromhex("01a1a2a3a4a5a6a7a800000000")
PLAINTEXT = b"UXP binds its cleartext header as AAD..."

if __name__ == "__main__":
    assert seal(NACL_KEY, NACL_NONCE, b"", NACL_MESSAGE) == NACL_BOX, "reference disagrees with NaCl"
    assert len(AAD) == 13 and len(PLAINTEXT) == 40
    print("aad       ", AAD.hex())
    print("plaintext ", PLAINTEXT.hex())
    print("sealed    ", seal(NACL_KEY, NACL_NONCE, AAD, PLAINTEXT).hex())
    print("empty-pt  ", seal(NACL_KEY, NACL_NONCE, AAD, b"").hex())
