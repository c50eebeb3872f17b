"""docs/SUPPORT.md is the generated report of supported commands and classes: keep it current."""
from pathlib import Path

import pytest

from fourd.support_report import DEFAULT_SPEC, report

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(not DEFAULT_SPEC.is_dir(), reason="the shared spec pages are not beside the repository")
def test_support_report_is_current():
    assert (ROOT / "docs" / "SUPPORT.md").read_text() == report(DEFAULT_SPEC), \
        "regenerate with: python -m fourd.support_report > docs/SUPPORT.md"
