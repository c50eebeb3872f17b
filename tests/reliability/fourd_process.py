"""4D projects run by ``fourd run`` in a subprocess, and what /proc says about them.

* :class:`FourDProject` writes methods and classes into a scratch project;
  ``run()`` runs one method to its end and reports its exit status, output
  and peak resident memory (``wait4``); ``start()`` starts a long-running one.
* :class:`Running` is such a process: what it wrote (a server announces
  ``... port N``), its descriptors, threads and memory (``/proc/<pid>``),
  and its stop by a signal.

Linux only (``/proc``), as are the tests that use it.
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from scratch_project import ScratchProject

ROOT = Path(__file__).resolve().parents[2]


def fourd_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "fourd", "run", *map(str, args)]


@dataclass
class Finished:
    returncode: int
    stdout: str
    stderr: str
    peak_rss: int            # bytes
    seconds: float


def resident(pid: int) -> int:
    """The resident memory of process *pid*, in bytes."""
    with open(f"/proc/{pid}/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def descriptors(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


def threads(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/task"))


class FourDProject(ScratchProject):
    """A scratch 4D project (``Project/Sources/{Methods,Classes}``)."""

    def __init__(self, root: Path):
        super().__init__(root)

    def run(self, method: str, *args, timeout: float = 60) -> Finished:
        """Run *method* to its end; its peak RSS comes from ``wait4``."""
        start = time.monotonic()
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            proc = subprocess.Popen(fourd_command(self.root, "--method", method, *args),
                                    stdout=out, stderr=err, cwd=ROOT)
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if time.monotonic() - start > timeout:
                    proc.kill()
                    pid, status, usage = os.wait4(proc.pid, 0)
                    break
                time.sleep(0.01)
            proc.returncode = os.waitstatus_to_exitcode(status)   # reaped here, not by Popen
            out.seek(0)
            err.seek(0)
            return Finished(proc.returncode, out.read().decode(), err.read().decode(),
                            usage.ru_maxrss * 1024, time.monotonic() - start)

    def start(self, method: str, *args) -> "Running":
        """Start *method* (a server…) and return at once."""
        return Running(fourd_command(self.root, "--method", method, *args))


class Running:
    """A ``fourd run`` process left running.

    Its output goes to files, so that a process writing much (an error per
    callback…) never blocks on a full pipe.
    """

    def __init__(self, command: list[str]):
        self.out = tempfile.TemporaryFile()
        self.err = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(command, stdout=self.out, stderr=self.err, cwd=ROOT)
        self.pid = self.proc.pid

    def wait_for(self, pattern: str, timeout: float = 20) -> re.Match:
        """The first match of *pattern* in its standard output, once written."""
        deadline = time.monotonic() + timeout
        while not (match := re.search(pattern, self.output()[0])):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.proc.kill()
                raise RuntimeError(f"no {pattern!r} in the output of fourd run: {self.output()}")
            time.sleep(0.02)
        return match

    def wait_for_port(self, timeout: float = 20) -> int:
        """The port a server announced (``... port N``)."""
        return int(self.wait_for(r"port (\d+)", timeout).group(1))

    @staticmethod
    def _read(file) -> bytes:
        file.seek(0)
        return file.read()

    def output(self) -> tuple[str, str]:
        """What the process wrote so far: (stdout, stderr)."""
        return self._read(self.out).decode(errors="replace"), self._read(self.err).decode(errors="replace")

    def descriptors(self) -> int:
        return descriptors(self.pid)

    def threads(self) -> int:
        return threads(self.pid)

    def resident(self) -> int:
        return resident(self.pid)

    def census(self) -> tuple[int, int]:
        """(open descriptors, threads)."""
        return self.descriptors(), self.threads()

    def settled(self, baseline: tuple[int, int], seconds: float = 5.0) -> tuple[int, int]:
        """The census once back to *baseline* (or below), or after *seconds*."""
        deadline = time.monotonic() + seconds
        while True:
            now = self.census()
            if (now[0] <= baseline[0] and now[1] <= baseline[1]) or time.monotonic() > deadline:
                return now
            time.sleep(0.05)

    def stop(self, signum: int = signal.SIGTERM, timeout: float = 10) -> tuple[int, str, str]:
        """Send *signum*; (exit status, stdout, stderr)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signum)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        out, err = self.output()
        self.out.close()
        self.err.close()
        return self.proc.returncode, out, err
