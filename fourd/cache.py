"""fourd's on-disk cache: compiled 4D code (``loader.code_cache``), the
index of built-in commands and classes (``commands.index``) and the parser's
LALR tables (``syntax.parser``).

Entries live under ``$FOURD_CACHE_DIR`` (an empty value turns the cache off),
else the user cache folder (``$XDG_CACHE_HOME/fourd``, ``~/.cache/fourd``).
Every key includes :func:`fingerprint`, which changes with the Python
version and with any file of fourd itself (a new release, an edited
checkout), so entries written by another fourd are never read. Like
Python's ``__pycache__``, the cache is an optimisation only: when it cannot
be read or written, fourd works without it.
"""
from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import sys

# Files of fourd whose changes change what the cache holds.
_SOURCE_SUFFIXES = (".py", ".lark", ".tsv")


def directory() -> str | None:
    """The cache folder, or None when the cache is turned off."""
    chosen = os.environ.get("FOURD_CACHE_DIR")
    if chosen is not None:
        return chosen or None
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        home = os.path.expanduser("~")
        if home == "~":             # no home folder to put it in
            return None
        base = os.path.join(home, ".cache")
    return os.path.join(base, "fourd")


@functools.cache
def fingerprint() -> str:
    """A digest of this Python and of fourd's own files (path, size, mtime)."""
    digest = hashlib.sha256(sys.version.encode())
    package = os.path.dirname(os.path.abspath(__file__))
    folders = [package]
    # The grammar: fourd.grammar once installed, else grammar/ beside fourd/ (a checkout).
    grammar = importlib.util.find_spec("fourd.grammar")
    if grammar is not None and grammar.submodule_search_locations:
        folders.extend(grammar.submodule_search_locations)
    else:
        folders.append(os.path.join(os.path.dirname(package), "grammar"))
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith(_SOURCE_SUFFIXES):
                    path = os.path.join(root, name)
                    stat = os.stat(path)
                    digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def key(*parts: str) -> str:
    """The cache key of *parts* (with the fingerprint of this fourd)."""
    digest = hashlib.sha256(fingerprint().encode())
    for part in parts:
        digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def read(kind: str, entry: str) -> bytes | None:
    """The data cached as *entry* (a :func:`key`) among *kind*, or None."""
    folder = directory()
    if folder is None:
        return None
    try:
        with open(os.path.join(folder, kind, entry), "rb") as file:
            return file.read()
    except OSError:
        return None


def write(kind: str, entry: str, data: bytes) -> None:
    """Cache *data* as *entry* among *kind* (atomically; errors are ignored)."""
    folder = directory()
    if folder is None:
        return
    import tempfile     # only when writing: it costs at start-up
    target = os.path.join(folder, kind)
    try:
        os.makedirs(target, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temporary, os.path.join(target, entry))
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass
