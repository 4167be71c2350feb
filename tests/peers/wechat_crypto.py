"""WeChat Official Account message security, written from WeChat's documented algorithm.

Deliberately independent of wechatpy (only `cryptography` and hashlib), so that the
tests check the bot's wechatpy-based code against the protocol rather than against
wechatpy itself.

The protocol (公众号消息加解密, "safe" and "compatible" modes):

* ``signature``     = sha1(sorted([token, timestamp, nonce]) joined)   -- URL check and every POST
* ``msg_signature`` = sha1(sorted([token, timestamp, nonce, Encrypt]) joined)
* AESKey = base64decode(EncodingAESKey + "="), 32 bytes; IV = AESKey[:16]
* plaintext = random(16) + len(msg) as 4-byte big-endian + msg + appid
* PKCS#7 padding to a 32-byte block (1..32 bytes, a full block when already aligned)
* AES-256-CBC, then base64.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import secrets
import string
import struct

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

__all__ = [
    "BLOCK_SIZE",
    "WeChatCryptoError",
    "aes_key_bytes",
    "decrypt",
    "encrypt",
    "msg_signature",
    "random_aes_key",
    "signature",
]

BLOCK_SIZE = 32  # WeChat pads to 32 bytes, not AES's 16
_KEY_ALPHABET = string.ascii_letters + string.digits


class WeChatCryptoError(ValueError):
    """A key, ciphertext, padding or appid that WeChat's algorithm rejects."""


def _sha1_sorted(*parts: str | int) -> str:
    items = sorted(str(p) for p in parts)
    return hashlib.sha1("".join(items).encode("utf-8")).hexdigest()


def signature(token: str, timestamp: str | int, nonce: str | int) -> str:
    """The `signature` query parameter: URL verification (GET) and every POST."""
    return _sha1_sorted(token, timestamp, nonce)


def msg_signature(token: str, timestamp: str | int, nonce: str | int, encrypt: str) -> str:
    """The `msg_signature` of an encrypted message (inbound query or reply's <MsgSignature>)."""
    return _sha1_sorted(token, timestamp, nonce, encrypt)


def aes_key_bytes(aes_key_43: str) -> bytes:
    """The 32-byte AES key behind a 43-character EncodingAESKey."""
    if not isinstance(aes_key_43, str) or len(aes_key_43) != 43:
        raise WeChatCryptoError("EncodingAESKey must be 43 characters")
    try:
        key = base64.b64decode(aes_key_43 + "=", validate=True)
    except binascii.Error as exc:
        raise WeChatCryptoError(f"EncodingAESKey is not base64: {exc}") from exc
    if len(key) != 32:  # cannot happen for 43 valid chars, kept as a guard
        raise WeChatCryptoError("EncodingAESKey must decode to 32 bytes")
    return key


def random_aes_key() -> str:
    """A fresh EncodingAESKey, 43 letters and digits as WeChat's admin console makes them.

    Such keys are usually not canonical base64 (the last character carries 2 bits
    that decoding drops) -- exactly what a real account's key looks like.
    """
    return "".join(secrets.choice(_KEY_ALPHABET) for _ in range(43))


def _cipher(key: bytes) -> Cipher:
    return Cipher(algorithms.AES(key), modes.CBC(key[:16]))


def _pad(data: bytes) -> bytes:
    n = BLOCK_SIZE - len(data) % BLOCK_SIZE  # 1..32; a full block when aligned
    return data + bytes([n]) * n


def _unpad(data: bytes) -> bytes:
    if not data:
        raise WeChatCryptoError("empty plaintext")
    n = data[-1]
    if not 1 <= n <= BLOCK_SIZE or len(data) < n or data[-n:] != bytes([n]) * n:
        raise WeChatCryptoError("bad PKCS#7 padding (wrong key?)")
    return data[:-n]


def encrypt(aes_key_43: str, appid: str, xml: str, *, random16: bytes | None = None) -> str:
    """The base64 <Encrypt> value for `xml`, as WeChat (or the bot) produces it."""
    key = aes_key_bytes(aes_key_43)
    rnd = os.urandom(16) if random16 is None else random16
    if len(rnd) != 16:
        raise WeChatCryptoError("random16 must be 16 bytes")
    msg = xml.encode("utf-8")
    plain = rnd + struct.pack(">I", len(msg)) + msg + appid.encode("utf-8")
    encryptor = _cipher(key).encryptor()
    ct = encryptor.update(_pad(plain)) + encryptor.finalize()
    return base64.b64encode(ct).decode("ascii")


def decrypt(aes_key_43: str, encrypted: str) -> tuple[str, str]:
    """(xml, appid) from an <Encrypt> value; raises WeChatCryptoError on anything off."""
    key = aes_key_bytes(aes_key_43)
    try:
        ct = base64.b64decode(encrypted, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise WeChatCryptoError(f"Encrypt is not base64: {exc}") from exc
    if not ct or len(ct) % 16:
        raise WeChatCryptoError("ciphertext length is not a multiple of the AES block")
    decryptor = _cipher(key).decryptor()
    plain = _unpad(decryptor.update(ct) + decryptor.finalize())
    if len(plain) < 20:
        raise WeChatCryptoError("plaintext too short")
    (length,) = struct.unpack(">I", plain[16:20])
    if 20 + length > len(plain):
        raise WeChatCryptoError("message length exceeds plaintext")
    try:
        xml = plain[20 : 20 + length].decode("utf-8")
        appid = plain[20 + length :].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise WeChatCryptoError("plaintext is not UTF-8 (wrong key?)") from exc
    return xml, appid
