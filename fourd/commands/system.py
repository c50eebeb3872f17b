"""The system and the 4D environment, headless: external processes, environment
variables, the platform, the machine, the application and its database parameters.

Specification: commands-legacy/launch-external-process.md,
set-environment-variable.md, is-macos.md, is-windows.md, get-system-info.md,
current-machine.md, current-system-user.md, application-type.md,
application-version.md, is-compiled-mode.md, data-file.md,
structure-file.md, get-database-parameter.md, set-database-parameter.md.

Paths are returned in the platform's syntax, which is POSIX on Linux and
macOS for fourd (there is no HFS path here).
"""
from __future__ import annotations

import getpass
import locale
import os
import platform
import socket
import subprocess
import sys
import threading
import time
import weakref
from pathlib import Path

from fourd.api.blob import blob_bytes
from fourd.api.system_worker import LaunchError, directory_path, environment_with, prepare_launch, start_program
from fourd.commands.arguments import ANY, REF, TEXT, command_with, incompatible
from fourd.commands.blob import set_ok, store_bytes
from fourd.commands.registry import Ref
from fourd.runtime import scheduler
from fourd.runtime.errors import Codes, InterruptRequest, fail
from fourd.runtime.host import current_host
from fourd.runtime.process import Process, current_process
from fourd.runtime.values import UNDEFINED, Coll, Obj

# ------------------------------------------------------- environment variables

#: Per process, the variables set with SET ENVIRONMENT VARIABLE for its next
#: LAUNCH EXTERNAL PROCESS ("valid in the current process for the next call").
_PENDING: weakref.WeakKeyDictionary[Process, dict[str, str]] = weakref.WeakKeyDictionary()

CURRENT_DIRECTORY_OPTION = "_4D_OPTION_CURRENT_DIRECTORY"
BLOCKING_OPTION = "_4D_OPTION_BLOCKING_EXTERNAL_PROCESS"
HIDE_CONSOLE_OPTION = "_4D_OPTION_HIDE_CONSOLE"     # Windows consoles only: nothing to hide headless


@command_with("SET ENVIRONMENT VARIABLE", TEXT, TEXT)
def set_environment_variable(name: str, value: str) -> None:
    """Sets *name* for the next LAUNCH EXTERNAL PROCESS of this process; ""
    gives the variable back its default (inherited) value. For
    ``_4D_OPTION_BLOCKING_EXTERNAL_PROCESS``, "" does nothing (the doc)."""
    if not name or "=" in name:
        incompatible("SET ENVIRONMENT VARIABLE", f"invalid variable name {name!r}")
        return
    pending = _PENDING.setdefault(current_process(), {})
    if value == "":
        if name != BLOCKING_OPTION:
            pending.pop(name, None)
        return
    pending[name] = value


def _launch_settings() -> tuple[str | None, bool, dict]:
    """(current directory, blocking, variables) for this LAUNCH EXTERNAL PROCESS;
    the process's pending settings are used up."""
    pending = _PENDING.pop(current_process(), {})
    directory = pending.pop(CURRENT_DIRECTORY_OPTION, None)
    blocking = pending.pop(BLOCKING_OPTION, "true").lower() != "false"
    pending.pop(HIDE_CONSOLE_OPTION, None)
    return directory, blocking, pending


# --------------------------------------------------------- external processes

def _holds_number(ref: Ref) -> bool:
    value = ref.get()
    return type(value) is int or type(value) is float


def _input_bytes(ref: Ref) -> bytes | None:
    """The stdin given: a text (UTF-8), a blob, or nothing."""
    value = ref.get()
    if value is UNDEFINED or value is None:
        return b""
    if type(value) is str:
        return value.encode("utf-8")
    return blob_bytes(value)


@command_with("LAUNCH EXTERNAL PROCESS", TEXT, REF, REF, REF, REF, refs=(1, 2, 3, 4))
def launch_external_process(file_name: str, first: Ref | None = None, second: Ref | None = None,
                            third: Ref | None = None, fourth: Ref | None = None) -> None:
    """``LAUNCH EXTERNAL PROCESS(fileName {; in {; out {; err}}} {; pid})``.

    The command line is split as for 4D.SystemWorker (see
    ``api.system_worker.parse_command_line``) and run without a shell. The
    last parameter is the *pid* when it is a number variable (always with
    five parameters). Blocking (the default), the command waits for the end
    of the program and fills *out* and *err*, each keeping its kind (Text,
    decoded as UTF-8, or Blob); with ``_4D_OPTION_BLOCKING_EXTERNAL_PROCESS``
    "false" it returns at once and *out*/*err* are left alone. OK is 1 when
    the program was run, 0 when it could not be started (the doc: "file not
    found…"), without a 4D error.
    """
    streams = [ref for ref in (first, second, third, fourth) if ref is not None]
    pid_ref = streams[-1] if streams and (len(streams) == 4 or _holds_number(streams[-1])) else None
    if pid_ref is not None:
        streams = streams[:-1]
    stdin = _input_bytes(streams[0]) if streams else b""
    if stdin is None:
        incompatible("LAUNCH EXTERNAL PROCESS", "the input stream must be a Text or a Blob")
        return
    directory, blocking, variables = _launch_settings()
    environment = environment_with(variables)
    try:
        argv = prepare_launch(file_name, directory, environment)
        popen = start_program(argv, directory, environment, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE if blocking else subprocess.DEVNULL,
                              stderr=subprocess.PIPE if blocking else subprocess.DEVNULL)
    except LaunchError:
        set_ok(False)
        return
    if pid_ref is not None:
        pid_ref.set(popen.pid)
    if not blocking:
        # Feeds stdin and reaps the program; 4D code goes on at once.
        threading.Thread(target=popen.communicate, args=(stdin,), daemon=True,
                         name=f"LAUNCH EXTERNAL PROCESS {popen.pid}").start()
        set_ok(True)
        return
    out, err = popen.communicate(stdin)
    for ref, data in zip(streams[1:], (out, err)):
        store_bytes(ref, data, text_by_default=True)
    set_ok(True)


# ------------------------------------------------------------------ platform

@command_with("Is macOS")
def is_macos() -> bool:
    return sys.platform == "darwin"


@command_with("Is Windows")
def is_windows() -> bool:
    return os.name == "nt"


@command_with("Current machine")
def current_machine() -> str:
    """The machine's network name (current-machine.md)."""
    return socket.gethostname()


@command_with("Current system user")
def current_system_user() -> str:
    """The name of the system account running fourd (current-system-user.md)."""
    return getpass.getuser()


def _full_user_name(account: str) -> str:
    """The user's display name (the GECOS field on POSIX), else the account name."""
    try:
        import pwd
        full = pwd.getpwnam(account).pw_gecos.split(",")[0]
    except (ImportError, KeyError):
        full = ""
    return full or account


def _processor() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _physical_memory_kb() -> int:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 1024
    except (ValueError, OSError, AttributeError):
        return 0


def _uptime() -> int:
    clock = getattr(time, "CLOCK_BOOTTIME", None)
    return int(time.clock_gettime(clock) if clock is not None else time.monotonic())


def _os_version() -> str:
    if sys.platform == "darwin":
        return f"macOS {platform.mac_ver()[0]}"
    if sys.platform.startswith("linux"):
        try:
            names = platform.freedesktop_os_release()
            return f"{names.get('PRETTY_NAME', 'Linux')} ({platform.release()})"
        except OSError:
            pass
    return f"{platform.system()} {platform.release()} ({platform.version()})"


def _os_language() -> str:
    """The user's language as RFC 3066 says it ("fr", "en"), from the locale."""
    name = locale.getlocale()[0] or os.environ.get("LANG", "") or "en"
    language = name.split(".")[0].split("_")[0]
    return "en" if language in ("", "C", "POSIX") else language


def _interface_addresses() -> dict[str, list[Obj]]:
    """Each network interface's addresses (Linux: ioctl and /proc; elsewhere none known)."""
    found: dict[str, list[Obj]] = {}
    try:
        import fcntl
        import struct
        for _, name in socket.if_nameindex():
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
                try:
                    packed = fcntl.ioctl(sock.fileno(), 0x8915,   # SIOCGIFADDR
                                         struct.pack("256s", name.encode()[:15]))
                except OSError:
                    continue
            found.setdefault(name, []).append(Obj(type="ipv4", ip=socket.inet_ntoa(packed[20:24])))
    except (ImportError, OSError):
        pass
    try:
        with open("/proc/net/if_inet6", encoding="ascii") as table:
            for line in table:
                fields = line.split()
                raw = bytes.fromhex(fields[0])
                found.setdefault(fields[-1], []).append(
                    Obj(type="ipv6", ip=socket.inet_ntop(socket.AF_INET6, raw)))
    except (OSError, ValueError, IndexError):
        pass
    return found


def _network_interfaces() -> Coll:
    """Active interfaces with an address, the loopback excluded ("physical and active only")."""
    interfaces = Coll()
    for name, addresses in sorted(_interface_addresses().items()):
        if name == "lo" or name.startswith("lo0"):
            continue
        kind = "wifi" if name.startswith(("wl", "wifi")) else "ethernet"
        interfaces.append(Obj(type=kind, name=name, ipAddresses=Coll(addresses)))
    return interfaces


def _mounts() -> list[tuple[str, str, str]]:
    """(device, mount point, file system) of the mounted disks (Linux), else the root."""
    disks = []
    try:
        with open("/proc/mounts", encoding="utf-8", errors="replace") as mounts:
            for line in mounts:
                device, point, system = line.split()[:3]
                if device.startswith("/dev/"):
                    disks.append((device, point.replace("\\040", " "), system))
    except OSError:
        pass
    return disks or [("", os.path.abspath(os.sep), "")]


def _volumes() -> Coll:
    volumes = Coll()
    for device, point, system in _mounts():
        try:
            stats = os.statvfs(point)
        except (OSError, AttributeError):
            continue
        capacity = stats.f_blocks * stats.f_frsize // 1024
        volumes.append(Obj(mountPoint=point, capacity=float(capacity),
                           available=float(stats.f_bavail * stats.f_frsize // 1024), fileSystem=system,
                           disk=Obj(identifier=device, description=device, size=float(capacity),
                                    interface="")))
    return volumes


@command_with("System info")
def get_system_info() -> Obj:
    """The machine and its system (get-system-info.md). ``cores`` is the
    number of logical processors the system reports, as ``cpuThreads``
    (Python has no portable count of physical cores)."""
    account = getpass.getuser()
    threads = os.cpu_count() or 1
    return Obj(accountName=account, userName=_full_user_name(account), machineName=socket.gethostname(),
               osVersion=_os_version(), osLanguage=_os_language(), processor=_processor(),
               cores=float(threads), cpuThreads=float(threads), model=platform.machine(),
               macRosetta=False, physicalMemory=float(_physical_memory_kb()), uptime=float(_uptime()),
               networkInterfaces=_network_interfaces(), volumes=_volumes())


# --------------------------------------------------------------- application

#: Application type: fourd is a headless 4D like tool4d (application-type.md).
TOOL4D = 6
#: The 4D release whose documentation fourd follows: 4D 21 ("2100").
VERSION = "2100"
BUILD = 0


@command_with("Application type")
def application_type() -> int:
    return TOOL4D


@command_with("Application version", REF, refs=(0,), star=True)
def application_version(build: Ref | None = None, *, star: bool = False) -> str:
    """"2100" (4D 21), or with ``*`` "F0002100": a final version, internal build 000."""
    if build is not None:
        build.set(BUILD)
    return f"F{BUILD:03d}{VERSION}" if star else VERSION


def _seconds_since_start() -> float:
    """How long fourd has been running: from the process's start time on
    Linux (/proc), else from when this module was first used."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")
        return max(0.0, _uptime() - started)      # both counted from the boot (Linux)
    except (OSError, ValueError, IndexError):
        return time.monotonic() - _FIRST_USE


_FIRST_USE = time.monotonic()


@command_with("Application info")
def application_info() -> Obj:
    """What application-info.md lists for a standalone application that makes
    sense here: ``headless`` is True, ``cpuUsage`` is the share of one
    processor fourd used since it started. Network throughputs are not
    measured and are left out, as are the server-only and Windows-only ones
    (but ``volumeShadowCopyStatus``, "notAvailable" as on macOS)."""
    uptime = _seconds_since_start()
    used = sum(os.times()[:2])
    return Obj(launchedAsService=False, volumeShadowCopyStatus="notAvailable", headless=True,
               pid=float(os.getpid()), uptime=float(int(uptime)),
               cpuUsage=round(100.0 * used / uptime, 6) if uptime > 0 else 0.0)


@command_with("QUIT 4D", ANY)
def quit_4d(delay=UNDEFINED) -> None:
    """Stops the current process; every asynchronous object is terminated and
    every process aborted, then the run ends with status 0 (quit-4d.md). There
    is no On Exit database method here; *delay* is for 4D Server only."""
    scheduler.request_shutdown(0)
    raise InterruptRequest("QUIT 4D")


@command_with("Is compiled mode", star=True)
def is_compiled_mode(*, star: bool = False) -> bool:
    """False: fourd runs methods from their source as 4D's interpreted mode
    does (no compile-time type checking of the whole project)."""
    return False


def _project_root() -> Path:
    root = getattr(current_host(), "root", None)
    return Path(root) if root is not None else Path.cwd()


@command_with("Structure file", star=True)
def structure_file(*, star: bool = False) -> str:
    """The project file: ``Project/<name>.4DProject`` of the running project
    (the one found there, or the conventional name after the project folder
    when there is none: a folder of methods run without a project file)."""
    folder = _project_root() / "Project"
    found = sorted(folder.glob("*.4DProject")) if folder.is_dir() else []
    return str(found[0] if found else folder / f"{_project_root().name}.4DProject")


@command_with("Data file", ANY)
def data_file(segment=UNDEFINED) -> str:
    """Where the project's default data file is (``Data/data.4DD``): fourd
    opens no database, so this is where 4D would create it."""
    return str(_project_root() / "Data" / "data.4DD")


# ------------------------------------------------------- database parameters

DEBUG_LOG_RECORDING = 34
DATES_INSIDE_OBJECTS = 85
DATE_TYPE = 2                       # the default for projects (get-database-parameter.md, selector 85)
TIMES_INSIDE_OBJECTS = 109
TIMES_IN_SECONDS = 0
IS_CURRENT_DATABASE_A_PROJECT = 112
IS_HOST_DATABASE_A_PROJECT = 113
IS_HOST_DATABASE_WRITABLE = 117

#: Logs fourd does not write: reading gives 0 (off); only 0 can be set.
_LOGS = {28: "4D Server log recording", DEBUG_LOG_RECORDING: "Debug log recording",
         45: "Client log recording", 79: "Diagnostic log recording", 110: "SMTP Log",
         111: "Current process debug log recording", 116: "POP3 Log", 119: "IMAP Log"}
#: Settings of the runtime that only have their documented default here.
_FIXED = {DATES_INSIDE_OBJECTS: ("Dates inside objects", DATE_TYPE),
          TIMES_INSIDE_OBJECTS: ("Times inside objects", TIMES_IN_SECONDS)}
#: Tuning of logs and caches fourd does not have (documented defaults): kept and
#: read back, with no other effect.
_TUNING_DEFAULTS = {90: 50, 121: 0, 92: 0}   # Circular log limitation, Pause logging, formulas in cache
USER_PARAM_VALUE = 108              # a text: the --user-param of the run
_LOG_COMMAND_LIST = 80              # a text: "all" by default
_tuning: dict[int, object] = {}


def _read_only(selector: int) -> int | None:
    if selector in (IS_CURRENT_DATABASE_A_PROJECT, IS_HOST_DATABASE_A_PROJECT):
        return 1
    if selector == IS_HOST_DATABASE_WRITABLE:
        return int(os.access(_project_root(), os.W_OK))
    return None


def _selector(name: str, value) -> int | None:
    """The selector, given first; a table first needs a database."""
    if type(value) in (int, float):
        return int(value)
    fail(Codes.UNSUPPORTED_COMMAND, f"{name}: tables are not available (fourd has no database)")
    return None


def _unsupported_selector(name: str, selector: int):
    return fail(Codes.UNSUPPORTED_COMMAND,
                f"{name}: selector {selector} is not available headless (fourd has no database, "
                "server or user interface)")


@command_with("Get database parameter", ANY, REF, REF, refs=(1, 2))
def get_database_parameter(selector, text_ref: Ref | None = None, extra: Ref | None = None) -> float:
    """``Get database parameter({table;} selector {; stringValue})`` for the
    parameters that mean something headless (the tables above); any other
    selector is a clear 4D error, as is the table form (no database)."""
    name = "Get database parameter"
    selector = _selector(name, selector)
    if selector is None:
        return 0.0
    value = _read_only(selector)
    if value is not None:
        return float(value)
    if selector in _LOGS:
        return 0.0
    if selector in _FIXED:
        return float(_FIXED[selector][1])
    if selector in _TUNING_DEFAULTS:
        return float(_tuning.get(selector, _TUNING_DEFAULTS[selector]))
    if selector == _LOG_COMMAND_LIST:
        if text_ref is not None:
            text_ref.set(_tuning.get(selector, "all"))
        return 0.0
    if selector == USER_PARAM_VALUE:
        # tool4d's --user-param: `fourd run/test --user-param`, or FOURD_USER_PARAM.
        if text_ref is not None:
            text_ref.set(os.environ.get("FOURD_USER_PARAM", ""))
        return 0.0
    _unsupported_selector(name, selector)
    return 0.0


@command_with("SET DATABASE PARAMETER", ANY, ANY, ANY)
def set_database_parameter(selector, value, extra=UNDEFINED) -> None:
    """``SET DATABASE PARAMETER({table;} selector; value)``: logs fourd does
    not write can only be switched off, runtime settings only keep their
    default, and the tuning of logs and caches is kept; anything else is a
    clear 4D error."""
    name = "SET DATABASE PARAMETER"
    selector = _selector(name, selector)
    if selector is None:
        return
    if extra is not UNDEFINED:
        incompatible(name, "two or three parameters, the first one a table, were expected")
    elif _read_only(selector) is not None:
        incompatible(name, f"selector {selector} can only be read")
    elif selector == _LOG_COMMAND_LIST:
        _tuning[selector] = value if type(value) is str else str(value)
    elif type(value) not in (int, float):
        incompatible(name, f"selector {selector} takes a number")
    elif selector in _LOGS:
        if value != 0:
            fail(Codes.UNSUPPORTED_COMMAND, f"{name}: fourd does not write the {_LOGS[selector]} file")
    elif selector in _FIXED:
        label, default = _FIXED[selector]
        if value != default:
            fail(Codes.UNSUPPORTED_COMMAND, f"{name}: {label} can only be {default} in fourd")
    elif selector in _TUNING_DEFAULTS:
        _tuning[selector] = int(value)
    else:
        _unsupported_selector(name, selector)
