"""A scratch 4D project on disk (``Project/Sources/{Methods,Classes}``), shared by test areas
that write 4D methods and classes and run them (conformance, reliability)."""
from __future__ import annotations

import textwrap
from pathlib import Path


class ScratchProject:
    def __init__(self, root: Path):
        self.root = root
        self.sources = root / "Project" / "Sources"

    def _write(self, folder: str, name: str, source: str) -> Path:
        path = self.sources / folder / f"{name}.4dm"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source).strip("\n") + "\n", encoding="utf-8")
        return path

    def method(self, name: str, source: str) -> Path:
        return self._write("Methods", name, source)

    def cls(self, name: str, source: str) -> Path:
        return self._write("Classes", name, source)
