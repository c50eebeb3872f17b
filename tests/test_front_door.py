"""The README is the front door: its two commands must stay true."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def readme_commands():
    text = (ROOT / "README.md").read_text()
    start = text.index("## Start here")
    return re.findall(r"```sh\n(.+?)\n```", text[start:], re.S)[:2]


def test_readme_has_an_install_and_run_command_and_a_test_command():
    install, test = readme_commands()
    assert "fourd run samples/" in install
    assert "pytest" in test and "[test]" in test


def test_ci_runs_exactly_the_readme_test_command():
    _, test = readme_commands()
    ci = (ROOT / ".ci" / "run").read_text()
    assert test.strip() in ci


def test_the_readme_sample_exists():
    install, _ = readme_commands()
    sample = re.search(r"fourd run (\S+)", install).group(1)
    assert (ROOT / sample).is_file()
