"""4D.CryptoKey (API/CryptoKeyClass.md): keys generated and loaded, signatures
checked independently with the cryptography package (JWT forms: raw r||s for
ECDSA, PKCS #1 v1.5 and PSS for RSA), RSA-OAEP round trips."""
from __future__ import annotations

import base64

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from net.tcp_helpers import call, prop
from system_helpers import alerts

from fourd.api.crypto_key import new_crypto_key
from fourd.runtime.errors import Codes, FourDError
from fourd.runtime.values import UNDEFINED, Obj


def b64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@pytest.fixture(scope="module")
def rsa_key():
    return new_crypto_key(Obj(type="RSA", size=2048))


@pytest.mark.parametrize("curve, size, hash_name", [("prime256v1", 32, "SHA256"), ("secp384r1", 48, "SHA384"),
                                                     ("P-521", 66, "SHA512")])
def test_ecdsa_signature_is_raw_r_and_s(curve, size, hash_name):
    key = new_crypto_key(Obj(type="ECDSA", curve=curve))
    signature = call(key, "sign", "hello world", Obj(hash=hash_name, encoding="Base64URL"))
    raw = b64url(signature)
    assert len(raw) == 2 * size and "=" not in signature
    public = serialization.load_pem_public_key(call(key, "getPublicKey").encode())
    der = encode_dss_signature(int.from_bytes(raw[:size], "big"), int.from_bytes(raw[size:], "big"))
    public.verify(der, b"hello world", ec.ECDSA(getattr(hashes, hash_name)()))
    assert prop(key, "type") == "ECDSA" and prop(key, "size") is UNDEFINED
    assert prop(key, "curve") == {"P-521": "secp521r1"}.get(curve, curve)
    status = call(key, "verify", "hello world", signature, Obj(hash=hash_name, encoding="Base64URL"))
    assert status["success"] is True and "errors" not in status
    status = call(key, "verify", "hello there", signature, Obj(hash=hash_name, encoding="Base64URL"))
    assert status["success"] is False and len(status["errors"]) == 1


@pytest.mark.parametrize("pss", [False, True])
def test_rsa_signature_checked_by_cryptography(rsa_key, pss):
    signature = call(rsa_key, "sign", "message", Obj(hash="SHA256", pss=pss))
    public = serialization.load_pem_public_key(call(rsa_key, "getPublicKey").encode())
    scheme = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32) if pss else padding.PKCS1v15()
    public.verify(base64.b64decode(signature), b"message", scheme, hashes.SHA256())
    with pytest.raises(InvalidSignature):
        public.verify(base64.b64decode(signature), b"other", scheme, hashes.SHA256())
    assert call(rsa_key, "verify", "message", signature, Obj(hash="SHA256", pss=pss))["success"] is True


def test_rsa_encrypt_decrypt_and_encodings(rsa_key):
    encrypted = call(rsa_key, "encrypt", "secret é", Obj(hash="SHA256"))
    assert call(rsa_key, "decrypt", encrypted, Obj(hash="SHA256")) == {"success": True, "result": "secret é"}
    encrypted = call(rsa_key, "encrypt", "AAEC", Obj(hash="SHA512", encodingDecrypted="Base64",
                                                     encodingEncrypted="Base64URL"))
    result = call(rsa_key, "decrypt", encrypted, Obj(hash="SHA512", encodingEncrypted="Base64URL",
                                                     encodingDecrypted="Base64"))
    assert result["result"] == "AAEC"
    other = new_crypto_key(Obj(type="RSA", size=1024))
    failed = call(other, "decrypt", call(rsa_key, "encrypt", "x", Obj(hash="SHA256")), Obj(hash="SHA256"))
    assert failed["success"] is False and failed["errors"]
    assert prop(rsa_key, "type") == "RSA" and prop(rsa_key, "size") == 2048


def test_keys_loaded_from_pem(rsa_key):
    private_pem = call(rsa_key, "getPrivateKey")
    assert private_pem.startswith("-----BEGIN PRIVATE KEY-----")
    loaded = new_crypto_key(Obj(type="PEM", pem=private_pem))
    assert call(loaded, "getPublicKey") == call(rsa_key, "getPublicKey")
    public_only = new_crypto_key(Obj(type="PEM", pem=call(rsa_key, "getPublicKey")))
    assert call(public_only, "getPrivateKey") == ""
    signature = call(rsa_key, "sign", "m", Obj(hash="SHA256"))
    assert call(public_only, "verify", "m", signature, Obj(hash="SHA256"))["success"] is True
    traditional = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption()).decode()
    assert prop(new_crypto_key(Obj(type="PEM", pem=traditional)), "curve") == "prime256v1"
    assert isinstance(rsa.generate_private_key(65537, 1024), rsa.RSAPrivateKey)


@pytest.mark.parametrize("settings", [Obj(type="DSA"), Obj(type="ECDSA", curve="nope"),
                                      Obj(type="PEM", pem="not a key"), Obj(type="RSA", size="big")])
def test_invalid_settings_are_errors(settings):
    with pytest.raises(FourDError) as info:
        new_crypto_key(settings)
    assert info.value.code == Codes.TYPE_MISMATCH


def test_the_doc_example_in_4d(tmp_path):
    assert alerts(tmp_path, """
        var $key : 4D.CryptoKey
        var $message; $signature : Text
        var $status : Object
        $key:=4D.CryptoKey.new(New object("type"; "ECDSA"; "curve"; "prime256v1"))
        $message:="hello world"
        $signature:=$key.sign($message; New object("hash"; "SHA256"))
        $status:=$key.verify($message; $signature; New object("hash"; "SHA256"))
        ASSERT($status.success)
        ALERT(String($status.success)+" "+String(OB Instance of($key; 4D.CryptoKey))+" "+String(OB Is shared($key)))
    """) == ["True True True"]
