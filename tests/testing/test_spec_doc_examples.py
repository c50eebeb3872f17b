"""``fourd doctest --run`` over the local copy of 4D's documentation
(``../shared/spec/4d-docs``, beside the repository), when it is there.

Every ```4d block must parse unless fourd/testing/doc_exclusions.txt lists
it (not 4D code, or a known parser bug), and every entry of that list must
still apply. The figures are printed at the end of the pytest report.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from fourd.testing.doctest import EXCLUDED, KNOWN_BUG, SYNTAX_ERROR, check, load_exclusions

SPEC = Path(__file__).resolve().parents[3] / "shared" / "spec" / "4d-docs"


@pytest.mark.skipif(not SPEC.is_dir(), reason=f"{SPEC} is not there")
def test_4d_documentation_blocks_parse_or_are_listed(terminal_figures, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)           # whatever the examples write lands here
    report = check([SPEC], run=True, exclusions=load_exclusions(), timeout=1.0)
    unlisted = [r for r in report.results if r.status == SYNTAX_ERROR]
    terminal_figures(f"fourd doctest --run {SPEC}", [
        report.parse_figures(),
        f"{report.count(EXCLUDED)} blocks excluded (not 4D code), {report.count(KNOWN_BUG)} known parser bugs",
        report.run_figures(),
        *(f"unlisted parse failure: {r.block.location}" for r in unlisted),
        *(f"stale exclusion: {e.path}:{e.line}" for e in report.stale),
    ])
    assert not unlisted, "\n\n".join(r.detail for r in unlisted)
    assert not report.stale
