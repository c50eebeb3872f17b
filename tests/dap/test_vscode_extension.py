"""The VS Code extension folder declares the fourd debugger and the .4dm language."""
import json
from pathlib import Path

EXTENSION = Path(__file__).resolve().parents[2] / "editors" / "vscode"


def test_package_json_declares_the_debugger_and_the_language():
    package = json.loads((EXTENSION / "package.json").read_text())
    debugger = package["contributes"]["debuggers"][0]
    assert (debugger["type"], debugger["program"], debugger["args"]) == ("fourd", "fourd", ["dap"])
    launch = debugger["configurationAttributes"]["launch"]["properties"]
    assert {"program", "method", "args", "cwd", "stopOnEntry"} <= set(launch)
    assert package["contributes"]["languages"][0]["extensions"] == [".4dm"]
    assert debugger["configurationSnippets"]
    json.loads((EXTENSION / "language-configuration.json").read_text())
