"""A scratch 4D project on disk for the ``fourd check`` tests, and running the checker on it."""
import textwrap
from pathlib import Path

from fourd.check import check_paths


def write_project(root: Path, methods: dict | None = None, classes: dict | None = None) -> Path:
    """``root/Project/Sources/{Methods,Classes}/NAME.4dm`` from ``{NAME: source}``; the sources folder."""
    sources = root / "Project" / "Sources"
    for folder, files in (("Methods", methods or {}), ("Classes", classes or {})):
        (sources / folder).mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (sources / folder / f"{name}.4dm").write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return sources


def diagnostics(root: Path, code: str | None = None, **files):
    """``[(file stem, line, column, severity, message)]`` of *code* (all codes if None)."""
    sources = write_project(root, **files)
    found, _ = check_paths([sources])
    return [(Path(d.path).stem, d.line, d.column, d.severity, d.message) for d in found
            if code is None or d.code == code]
