"""Components: the interpreted 4D projects a host project loads
(Project/components.md, Extensions/develop-components.md).

Where they come from, highest priority first:

1. the ``Components`` folder of the host's package folder: ``Name.4dbase``
   folders (or plain folders) holding a ``Project`` folder;
2. ``Project/Sources/dependencies.json``: each name is a component found at
   the path ``environment4d.json`` gives it (the file in the package folder
   or one of its parents; a path is relative to that file, or a
   ``file:///`` URL), else next to the host's package folder (``Name`` or
   ``Name.4dbase``). A component only on GitHub is not loaded (fourd
   downloads nothing).

Compiled components (``.4DZ`` only) cannot run here and are skipped.

What the host sees of a component (develop-components.md):

* its classes under ``cs.<namespace>``, the namespace declared in its
  settings (``component_classStore_name``); none without one. A host class
  of that name wins over the namespace. Loaded components see each other's
  namespaces too;
* its methods marked ``"shared":true`` (first line ``//%attributes``),
  callable by the host and the other components; the others stay private.

A component's code runs in its own context: ``cs`` is its own class store,
it calls its own methods (and the shared ones of other components, never
the host's), and its process and interprocess variables are its own.
"""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlparse

from fourd.runtime.classes import NativeObject
from fourd.runtime.values import UNDEFINED

_ATTRIBUTES = re.compile(r"^\ufeff?//%attributes\s*=\s*(\{.*\})\s*$")


class ComponentNamespace(NativeObject):
    """``cs.<namespace>``: the classes of one component."""

    FOURD_CLASS = "ClassStore"

    def __init__(self, component):
        self.component = component

    def fourd_member(self, name: str):
        cls = self.component.get_class(name)
        return cls if cls is not None else UNDEFINED


def discover(host) -> list:
    """The components of *host* (a loader Project), loaded as Projects."""
    from .project import Project
    package = _package_folder(host.root)
    if package is None:
        return []
    found: dict[str, Path] = {}
    components_folder = package / "Components"
    if components_folder.is_dir():
        for entry in sorted(components_folder.iterdir()):
            if _is_interpreted_project(entry):
                found.setdefault(_component_name(entry), entry)
    for name, folder in _dependencies(package).items():
        if folder is not None and _is_interpreted_project(folder):
            found.setdefault(name, folder)
    components = []
    for name, folder in found.items():
        component = Project.for_path(folder / "Project")
        component.become_component(host, name, _namespace(folder), _shared_methods(component))
        components.append(component)
    return components


def _package_folder(root: Path | None) -> Path | None:
    """The folder holding ``Project/`` for a project rooted at *root*."""
    if root is None:
        return None
    for folder in (root, *root.parents):
        if (folder / "Project").is_dir():
            return folder
    return None


def _is_interpreted_project(folder: Path) -> bool:
    return folder.is_dir() and (folder / "Project" / "Sources").is_dir()


def _component_name(folder: Path) -> str:
    return folder.name[:-len(".4dbase")] if folder.name.lower().endswith(".4dbase") else folder.name


def _dependencies(package: Path) -> dict[str, Path | None]:
    """Name -> folder of each component dependencies.json declares (None
    when it is not on this machine)."""
    declared = _read_json(package / "Project" / "Sources" / "dependencies.json").get("dependencies")
    if not isinstance(declared, dict):
        return {}
    environment_file = next((folder / "environment4d.json" for folder in (package, *package.parents)
                             if (folder / "environment4d.json").is_file()), None)
    paths = _read_json(environment_file).get("dependencies") if environment_file else None
    paths = paths if isinstance(paths, dict) else {}
    folders = {}
    for name in declared:
        given = paths.get(name)
        if isinstance(given, dict):
            given = given.get("path")
        if isinstance(given, str):
            # A path declared but absent means "Not found", even when a copy
            # sits next to the project (components.md).
            folders[name] = _declared_path(given, environment_file.parent)
        else:
            folders[name] = next((package.parent / candidate for candidate in (name, name + ".4dbase")
                                  if (package.parent / candidate).is_dir()), None)
    return folders


def _declared_path(path: str, base: Path) -> Path:
    if path.startswith("file://"):
        return Path(unquote(urlparse(path).path))
    return (base / path).resolve()


def _read_json(path: Path | None) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError, AttributeError):
        return {}
    return data if isinstance(data, dict) else {}


def _namespace(folder: Path) -> str | None:
    """The component namespace its settings declare (settings/general.md)."""
    settings = folder / "Project" / "Sources" / "settings.4DSettings"
    try:
        root = ET.parse(settings).getroot()
    except (OSError, ET.ParseError):
        return None
    for general in root.iter("general"):
        name = general.get("component_classStore_name")
        if name:
            return name
    return None


def _shared_methods(component) -> frozenset[str]:
    """Lower-case names of the component's methods shared with the host."""
    shared = set()
    for key, path in component.method_files().items():
        with path.open(encoding="utf-8-sig", errors="replace") as file:
            match = _ATTRIBUTES.match(file.readline().strip())
        if match:
            try:
                attributes = json.loads(match.group(1))
            except ValueError:
                continue
            if isinstance(attributes, dict) and attributes.get("shared") is True:
                shared.add(key)
    return frozenset(shared)

