"""samples/system runs through the real CLI and prints what it promises."""
from __future__ import annotations

import os
import platform
import subprocess
import sys

import pytest
from system_helpers import REPOSITORY


@pytest.mark.skipif(os.name == "nt", reason="the sample runs sort and uname")
def test_system_sample():
    done = subprocess.run([sys.executable, "-m", "fourd", "run", str(REPOSITORY / "samples" / "system" / "system.4dm")],
                          capture_output=True, text=True, timeout=60, cwd=REPOSITORY)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    lines = done.stdout.splitlines()
    assert lines[:4] == ["sort ended, exit code 0", "sorted: apple fig pear", f"system: {platform.system()} (OK=1)",
                         "cannot start: Cannot launch 'no-such-program': no such executable program"]
    assert lines[4].startswith(f"Is macOS: {sys.platform == 'darwin'}, Is Windows: False, ")
