"""``4D.CryptoKey``: an RSA or ECDSA key pair (API/CryptoKeyClass.md), on the
``cryptography`` package.

Choices where the doc is silent, made so that JSON Web Tokens work as the
doc's example intends (RFC 7515/7518):

* an ECDSA signature is the raw ``r || s`` pair (each the curve's size),
  not DER, as ES256/ES384/ES512 require;
* an RSA signature is PKCS #1 v1.5, or PSS with a salt as long as the hash
  when ``pss`` is true (PS256…);
* ``encrypt``/``decrypt`` use RSA-OAEP with MGF1, both with ``hash``
  (SHA256 when not given);
* keys are exported as PKCS #8 (``BEGIN PRIVATE KEY``) and
  SubjectPublicKeyInfo (``BEGIN PUBLIC KEY``); a loaded PEM may be either,
  or a traditional ``BEGIN RSA PRIVATE KEY``/``BEGIN EC PRIVATE KEY``;
* ``type`` is "RSA" or "ECDSA", also for a key loaded from a PEM.

Base64URL is written without padding (commands.blob's encoder). Failures of
``verify``/``decrypt`` are in their status object, as the doc describes;
invalid settings or options are 4D errors.
"""
from __future__ import annotations

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature

from ..runtime.errors import incompatible
from .blob import decode_base64, encode_base64
from ..runtime.builtins import builtin_class
from ..runtime.classes import NativeObject
from ..runtime.members import member_function, member_property
from ..runtime.shared import SharedGroup
from ..runtime.values import UNDEFINED, Coll, Obj, is_number
from .blob import blob_bytes

__all__ = ["CryptoKey", "new_crypto_key"]

DEFAULT_RSA_SIZE = 2048
DEFAULT_CURVE = "prime256v1"
#: Curve names 4D accepts (OpenSSL's, the SEC ones and the NIST ones) -> (normalised name, curve).
CURVES = {}
for _names, _curve in ((("prime256v1", "secp256r1", "P-256"), ec.SECP256R1),
                       (("secp384r1", "P-384"), ec.SECP384R1),
                       (("secp521r1", "P-521"), ec.SECP521R1)):
    for _alias in _names:
        CURVES[_alias.lower()] = (_names[0], _curve)
HASHES = {"SHA1": hashes.SHA1, "SHA224": hashes.SHA224, "SHA256": hashes.SHA256,
          "SHA384": hashes.SHA384, "SHA512": hashes.SHA512}


class CryptoKey(NativeObject):
    """A key pair, or a public key alone (loaded from a public PEM). Shared:
    the keys never change, so every process may use it."""

    FOURD_CLASS = "CryptoKey"
    __slots__ = ("private", "public", "shared")

    def __init__(self, private, public):
        self.private = private
        self.public = public
        self.shared = SharedGroup(self)

    @property
    def is_rsa(self) -> bool:
        return isinstance(self.public, rsa.RSAPublicKey)

    def __repr__(self) -> str:
        return f"<4D.CryptoKey {key_type(self)}>"


def key_type(key: CryptoKey) -> str:
    return "RSA" if key.is_rsa else "ECDSA"


def _curve_name(key: CryptoKey):
    if key.is_rsa:
        return UNDEFINED
    name = key.public.curve.name
    return next((normalised for normalised, curve in CURVES.values() if curve.name == name), name)


# ----------------------------------------------------------------- new()

def _generated(settings: Obj, kind: str):
    if kind == "RSA":
        size = dict.get(settings, "size", DEFAULT_RSA_SIZE)
        if not is_number(size) or int(size) < 512:
            return incompatible("4D.CryptoKey.new", "the RSA size must be a number of bits (512 or more)")
        return rsa.generate_private_key(public_exponent=65537, key_size=int(size))
    curve = CURVES.get(str(dict.get(settings, "curve", DEFAULT_CURVE)).lower())
    if curve is None:
        return incompatible("4D.CryptoKey.new", f"unknown curve {dict.get(settings, 'curve')!r}")
    return ec.generate_private_key(curve[1]())


def _loaded(pem) -> tuple | None:
    """(private key or None, public key) from a PEM text."""
    if type(pem) is not str or not pem.strip():
        return incompatible("4D.CryptoKey.new", "settings.pem must be a PEM text")
    data = pem.encode("ascii", "replace")
    try:
        if b"PRIVATE KEY" in data:
            private = serialization.load_pem_private_key(data, password=None)
            keys = (private, private.public_key())
        else:
            keys = (None, serialization.load_pem_public_key(data))
    except (ValueError, TypeError) as exc:
        return incompatible("4D.CryptoKey.new", f"the PEM cannot be read: {exc}")
    if not isinstance(keys[1], (rsa.RSAPublicKey, ec.EllipticCurvePublicKey)):
        return incompatible("4D.CryptoKey.new", "only RSA and ECDSA keys are supported")
    return keys


@builtin_class("CryptoKey")
def new_crypto_key(settings=UNDEFINED):
    """``4D.CryptoKey.new(settings)``: a new RSA or ECDSA key pair, or one loaded from ``settings.pem``."""
    if not isinstance(settings, Obj):
        return incompatible("4D.CryptoKey.new", "the settings must be an object")
    kind = str(dict.get(settings, "type", "")).upper()
    if kind == "PEM" or (kind == "" and "pem" in settings):
        keys = _loaded(dict.get(settings, "pem"))
        return None if keys is None or keys is UNDEFINED else CryptoKey(*keys)
    if kind not in ("RSA", "ECDSA"):
        return incompatible("4D.CryptoKey.new", 'settings.type must be "RSA", "ECDSA" or "PEM"')
    private = _generated(settings, kind)
    return None if private is UNDEFINED or private is None else CryptoKey(private, private.public_key())


# ------------------------------------------------------------ options

def _option(options, name: str, default):
    return dict.get(options, name, default) if isinstance(options, Obj) else default


def _hash(function: str, options):
    name = str(_option(options, "hash", "SHA256")).upper().replace("-", "")
    algorithm = HASHES.get(name)
    if algorithm is None:
        incompatible(function, f"unknown hash {name!r}")
        return None
    return algorithm()


def _url(function: str, options, name: str, allowed=("BASE64", "BASE64URL")) -> str | None:
    """The encoding option *name* upper-cased, one of *allowed* (the first is
    the default); None (after an error) if it is another."""
    value = str(_option(options, name, allowed[0])).upper()
    if value not in allowed:
        incompatible(function, f"{name} must be one of {', '.join(allowed)}")
        return None
    return value


def _message_bytes(message) -> bytes | None:
    """A message to sign: a text (its UTF-8) or a blob."""
    if type(message) is str:
        return message.encode("utf-8")
    return blob_bytes(message)


def _encoded(data: bytes, encoding: str) -> str:
    if encoding == "UTF-8":
        return data.decode("utf-8", "replace")
    return encode_base64(data, encoding == "BASE64URL").decode("ascii")


def _decoded(text: str, encoding: str) -> bytes:
    if encoding == "UTF-8":
        return text.encode("utf-8")
    return decode_base64(text.encode("ascii", "replace"), encoding == "BASE64URL")


def _status(success: bool, message: str = "", **extra) -> Obj:
    status = Obj(success=success, **extra)
    if not success:
        status["errors"] = Coll([Obj(message=message, componentSignature="CryptoKey")])
    return status


def _rsa_padding(options, algorithm):
    if _option(options, "pss", False) is True:
        return padding.PSS(mgf=padding.MGF1(algorithm), salt_length=algorithm.digest_size)
    return padding.PKCS1v15()


def _ec_size(key: CryptoKey) -> int:
    return (key.public.curve.key_size + 7) // 8


# ------------------------------------------------------------ functions

@member_function(CryptoKey, "sign")
def sign(key: CryptoKey, message=UNDEFINED, options=UNDEFINED) -> str:
    """``.sign(message; options)``: the signature of the message's UTF-8, in Base64 or Base64URL."""
    data = _message_bytes(message)
    if data is None:
        return incompatible("CryptoKey.sign", "the message must be a Text or a Blob")
    algorithm = _hash("CryptoKey.sign", options)
    encoding = _url("CryptoKey.sign", options, "encoding")
    if algorithm is None or encoding is None:
        return ""
    if key.private is None:
        return incompatible("CryptoKey.sign", "this key has no private key")
    if key.is_rsa:
        signature = key.private.sign(data, _rsa_padding(options, algorithm), algorithm)
    else:
        r, s = decode_dss_signature(key.private.sign(data, ec.ECDSA(algorithm)))
        size = _ec_size(key)
        signature = r.to_bytes(size, "big") + s.to_bytes(size, "big")
    return _encoded(signature, encoding)


@member_function(CryptoKey, "verify")
def verify(key: CryptoKey, message=UNDEFINED, signature=UNDEFINED, options=UNDEFINED) -> Obj:
    """``.verify(message; signature; options)``: ``{success}``, with ``errors`` when it does not match."""
    data = _message_bytes(message)
    if data is None or type(signature) is not str:
        return incompatible("CryptoKey.verify", "the message and the signature must be texts")
    algorithm = _hash("CryptoKey.verify", options)
    encoding = _url("CryptoKey.verify", options, "encoding")
    if algorithm is None or encoding is None:
        return _status(False, "invalid options")
    raw = _decoded(signature, encoding)
    try:
        if key.is_rsa:
            key.public.verify(raw, data, _rsa_padding(options, algorithm), algorithm)
        else:
            size = _ec_size(key)
            if len(raw) != 2 * size:
                return _status(False, "The signature does not have the size of the key's curve")
            der = encode_dss_signature(int.from_bytes(raw[:size], "big"), int.from_bytes(raw[size:], "big"))
            key.public.verify(der, data, ec.ECDSA(algorithm))
    except InvalidSignature:
        return _status(False, "The signature does not match the message")
    return _status(True)


def _oaep(options):
    algorithm = _hash("CryptoKey", options)
    return None if algorithm is None else padding.OAEP(mgf=padding.MGF1(algorithm), algorithm=algorithm, label=None)


@member_function(CryptoKey, "encrypt")
def encrypt(key: CryptoKey, message=UNDEFINED, options=UNDEFINED) -> str:
    """``.encrypt(message; options)`` with the public RSA key (RSA-OAEP)."""
    if type(message) is not str:
        return incompatible("CryptoKey.encrypt", "the message must be a Text")
    if not key.is_rsa:
        return incompatible("CryptoKey.encrypt", "only an RSA key can encrypt")
    source = _url("CryptoKey.encrypt", options, "encodingDecrypted", ("UTF-8", "BASE64", "BASE64URL"))
    target = _url("CryptoKey.encrypt", options, "encodingEncrypted")
    oaep = _oaep(options)
    if source is None or target is None or oaep is None:
        return ""
    try:
        encrypted = key.public.encrypt(_decoded(message, source), oaep)
    except ValueError as exc:       # too long for the key
        return incompatible("CryptoKey.encrypt", str(exc))
    return _encoded(encrypted, target)


@member_function(CryptoKey, "decrypt")
def decrypt(key: CryptoKey, message=UNDEFINED, options=UNDEFINED) -> Obj:
    """``.decrypt(message; options)`` with the private RSA key: ``{success; result}``."""
    if type(message) is not str:
        return incompatible("CryptoKey.decrypt", "the message must be a Text")
    if not key.is_rsa or key.private is None:
        return _status(False, "Only an RSA private key can decrypt")
    source = _url("CryptoKey.decrypt", options, "encodingEncrypted")
    target = _url("CryptoKey.decrypt", options, "encodingDecrypted", ("UTF-8", "BASE64", "BASE64URL"))
    oaep = _oaep(options)
    if source is None or target is None or oaep is None:
        return _status(False, "invalid options")
    try:
        decrypted = key.private.decrypt(_decoded(message, source), oaep)
    except ValueError:
        return _status(False, "The message could not be decrypted with this key and algorithm")
    return _status(True, result=_encoded(decrypted, target))


@member_function(CryptoKey, "getPrivateKey")
def get_private_key(key: CryptoKey) -> str:
    if key.private is None:
        return ""
    return key.private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                     serialization.NoEncryption()).decode("ascii")


@member_function(CryptoKey, "getPublicKey")
def get_public_key(key: CryptoKey) -> str:
    return key.public.public_bytes(serialization.Encoding.PEM,
                                   serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii")


member_property(CryptoKey, "type")(key_type)
member_property(CryptoKey, "curve")(_curve_name)
member_property(CryptoKey, "size")(lambda key: float(key.public.key_size) if key.is_rsa else UNDEFINED)
