"""Localization (commands-legacy/localized-string.md,
get-database-localization.md, set-database-localization.md): strings of
the project's XLIFF files, ``Resources/<language>.lproj/*.xlf``.

**Which language.** At the first lookup, the default language is chosen as
get-database-localization.md says: among the ``.lproj`` folders of
``Resources`` (beside ``Project/``), the system language (``LC_ALL``,
``LC_MESSAGES`` or ``LANG``, as ``fr_CA.UTF-8``; its region first, then the
language alone), then 4D's own language and English (fourd's is English),
then the first folder by name. Without ``.lproj`` folders, the system
language, else "en". ``SET DATABASE LOCALIZATION`` changes the current
language for every process (4D's default scope; ``*`` limits it to the
calling database, which is the same one while components share no
resources here). Folder names are language codes with "_" (``fr_ca.lproj``)
or 4D's older English names (``French.lproj``); codes are given and
returned with "-" (RFC 3066: "fr-ca").

**Which string.** ``Localized string`` looks for the ``trans-unit`` whose
``resname`` is *resName* (ignoring case but not accents:
set-database-localization.md's ``:xliff:shopping`` finds ``Shopping``) in
the ``.xlf`` files of the folders ``Localized document path`` searches, in
its order (the current language's first, ``Resources`` itself last: 4D-SVG
keeps language-independent strings there), and returns its ``target`` (its
``source`` when it has none). A ``:xliff:`` prefix is accepted and removed:
:func:`localized_text` is that lookup for the places where 4D resolves
such references.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

from lxml import etree

from fourd.api.paths import filesystem_root
from fourd.commands.arguments import ANY, TEXT, command_with, incompatible
from fourd.commands.xml_tree import set_ok
from fourd.runtime.values import UNDEFINED

__all__ = ["localized_text"]

XLIFF_PREFIX = ":xliff:"
DEFAULT_LOCALIZATION, CURRENT_LOCALIZATION, USER_SYSTEM_LOCALIZATION, INTERNAL_4D_LOCALIZATION = 0, 1, 2, 3
FOURD_LANGUAGE = "en"

# The English names of .lproj folders of older 4D databases.
_FOLDER_NAMES = {"english": "en", "french": "fr", "german": "de", "spanish": "es", "italian": "it",
                 "japanese": "ja", "dutch": "nl", "portuguese": "pt", "swedish": "sv", "czech": "cs",
                 "chinese": "zh", "korean": "ko", "polish": "pl", "russian": "ru"}

_lock = threading.Lock()
_state: dict = {}                # project folder, default and current language codes
_strings_cache: dict = {}        # (file, mtime) -> {folded resname: text}


def _resources() -> Path:
    return filesystem_root("RESOURCES")


def _code(name: str) -> str:
    """A language code ("fr_ca") for an .lproj folder name or an RFC 3066 code."""
    name = name.lower().replace("-", "_")
    return _FOLDER_NAMES.get(name, name)


def _languages(resources: Path | None) -> dict[str, Path]:
    """Language code -> its .lproj folder."""
    if resources is None or not resources.is_dir():
        return {}
    folders = sorted(p for p in resources.iterdir() if p.suffix.lower() == ".lproj" and p.is_dir())
    return {_code(folder.stem): folder for folder in folders}


def _system_language() -> str | None:
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            code = value.split(".")[0].split("@")[0]
            return None if code in ("C", "POSIX") else _code(code)
    return None


def _best(code: str, languages: dict[str, Path]) -> str | None:
    """The available language for *code*: itself, else its language without the region."""
    if code in languages:
        return code
    base = code.split("_")[0]
    return base if base in languages else None


def _default_language(languages: dict[str, Path]) -> str:
    system = _system_language()
    if not languages:
        return system or FOURD_LANGUAGE
    for wanted in (system, FOURD_LANGUAGE):
        found = _best(wanted, languages) if wanted else None
        if found is not None:
            return found
    return next(iter(languages))


def _current_state() -> dict:
    """The languages of the running project (chosen again for another project)."""
    resources = _resources()
    with _lock:
        if _state.get("resources") != resources:
            languages = _languages(resources)
            default = _default_language(languages)
            _state.update(resources=resources, languages=languages, default=default, current=default)
        return _state


def _rfc(code: str) -> str:
    return code.replace("_", "-")


def _strings(path: Path) -> dict[str, str]:
    """resname (case-folded) -> target (or source) of an XLIFF file, cached
    until the file changes."""
    try:
        key = (path, path.stat().st_mtime_ns)
    except OSError:
        return {}
    cached = _strings_cache.get(key)
    if cached is not None:
        return cached
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    strings: dict[str, str] = {}
    try:
        root = etree.parse(str(path), parser).getroot()
    except (etree.XMLSyntaxError, OSError):
        root = None
    if root is not None:
        for unit in root.iter("{*}trans-unit", "trans-unit"):
            name = unit.get("resname") or unit.get("id")
            text = _unit_text(unit)
            if name is not None and text is not None:
                strings.setdefault(name.casefold(), text)
    _strings_cache[key] = strings
    return strings


def _unit_text(unit) -> str | None:
    source = target = None
    for child in unit:
        if not isinstance(child.tag, str):
            continue
        local = etree.QName(child).localname
        if local == "target" and target is None:
            target = "".join(child.itertext())
        elif local == "source" and source is None:
            source = "".join(child.itertext())
    return target if target is not None else source


def _search_folders() -> list[Path]:
    """Where localized items are looked for, in localized-document-path.md's
    order: the current language, without its region, the default language,
    without its region, the first .lproj folder, then Resources itself."""
    state = _current_state()
    languages = state["languages"]
    folders = []
    for code in (state["current"], state["current"].split("_")[0],
                 state["default"], state["default"].split("_")[0], next(iter(languages), None)):
        folder = languages.get(code) if code else None
        if folder is not None and folder not in folders:
            folders.append(folder)
    if state["resources"] is not None:
        folders.append(state["resources"])
    return folders


def _lookup(name: str) -> str | None:
    key = name.casefold()
    for folder in _search_folders():
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.xlf")):
            text = _strings(path).get(key)
            if text is not None:
                return text
    return None


def localized_text(reference: str) -> str | None:
    """The localized string *reference* names (``name`` or ``:xliff:name``),
    or None: the lookup behind ``Localized string``, for any place that
    resolves ``:xliff:`` references."""
    if reference.startswith(XLIFF_PREFIX):
        reference = reference[len(XLIFF_PREFIX):]
    return _lookup(reference)


@command_with("Localized string", TEXT)
def localized_string(resname: str) -> str:
    """The string *resname* in the current language; "" and OK 0 when there is none."""
    found = localized_text(resname)
    set_ok(found is not None)
    return found if found is not None else ""


@command_with("Get database localization", ANY, star=True)
def get_database_localization(language_type=UNDEFINED, *, star: bool = False) -> str:
    kind = DEFAULT_LOCALIZATION if language_type is UNDEFINED else language_type
    state = _current_state()
    if kind == DEFAULT_LOCALIZATION:
        return _rfc(state["default"])
    if kind == CURRENT_LOCALIZATION:
        return _rfc(state["current"])
    if kind == USER_SYSTEM_LOCALIZATION:
        return _rfc(_system_language() or FOURD_LANGUAGE)
    if kind == INTERNAL_4D_LOCALIZATION:
        return FOURD_LANGUAGE
    return incompatible("Get database localization", f"unknown language type {language_type!r}")


@command_with("SET DATABASE LOCALIZATION", TEXT, star=True)
def set_database_localization(language_code: str, *, star: bool = False) -> None:
    """OK is 0 (and the language unchanged) when no .lproj folder serves *language_code*."""
    state = _current_state()
    code = _code(language_code)
    if not code or _best(code, state["languages"]) is None:
        set_ok(False)
        return
    with _lock:
        state["current"] = code
    set_ok(True)


@command_with("Localized document path", TEXT)
def localized_document_path(relative_path: str) -> str:
    """The absolute path of *relative_path* (POSIX or native syntax) in the
    first folder of the search order that has it; "" when none has."""
    relative = Path(relative_path.replace("\\", "/"))
    for folder in _search_folders():
        candidate = folder / relative
        if candidate.exists():
            return str(candidate)
    return ""
