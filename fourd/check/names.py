"""Names 4D's compiler would not find: commands and methods called, bare
names (constants, variables), ``cs.X`` and ``4D.X`` classes, and the
functions called on an instance of a project class.

A name is known when the catalog of 4D commands and constants has it, when
it is written in 4D's tokenized form (``Name:C123``: 4D wrote it), when the
project has a method of that name, or when the project gives a variable of
that name a value somewhere (process and interprocess variables, arrays,
form variables from the forms' ``dataSource``). A bare single word that is
none of these is reported only when it is a near miss of a known name: a
variable only ever read (set by a component, a plugin, a form not
exported) is not an error of the code being read.

A file outside its project's sources (``Project/Tests/…``) is not loaded
by 4D but by a tool that brings its own components: unknown calls there are
not reported.

Commands 4D knows but fourd does not implement are not unknown: with
``--unsupported`` they are reported as warnings of their own.
"""
from __future__ import annotations

from fourd.commands import registry
from fourd.syntax import ast, catalog

from .diagnostics import ERROR, WARNING, Diagnostic
from .project import ProjectIndex, Unit, iter_nodes, start
from .scope import class_of, declared_types
from .suggest import closest, command_names, constant_names, did_you_mean

#: 4D's built-in classes (``4D.X``), from the pages of 4D's docs/API folder.
BUILTIN_CLASSES = frozenset((
    "Blob", "Class", "ClassStore", "Collection", "CryptoKey", "DataClass", "DataClassAttribute",
    "DataStore", "Directory", "Document", "EmailObject", "Entity", "EntitySelection", "File",
    "FileHandle", "Folder", "Formula", "Function", "HTTPAgent", "HTTPRequest", "IMAPTransporter",
    "IncomingMessage", "MailAttachment", "Method", "Object", "OutgoingMessage", "POP3Transporter",
    "QuotaManager", "Session", "Signal", "SMTPTransporter", "SystemWorker", "TCPConnection", "TCPEvent",
    "TCPListener", "Transporter", "UDPEvent", "UDPSocket", "Vector", "WebForm", "WebFormItem",
    "WebServer", "WebSocket", "WebSocketConnection", "WebSocketServer", "ZipArchive", "ZipFile",
    "ZipFolder",
))

#: 4D's system variables (Concepts/variables.md, "System variables").
SYSTEM_VARIABLES = frozenset(("ok", "document", "fldelimit", "recdelimit", "error", "error method", "error line",
                              "error formula", "mousedown", "mousex", "mousey", "mouseproc", "keycode",
                              "modifiers", "mousewheel"))
#: Methods of the components 4D ships with and loads itself (4D Progress: ``Progress New``…).
SHIPPED_COMPONENT_PREFIXES = ("progress ",)
#: A bare name is reported only when it nearly spells a known one (a typo):
#: the catalog does not hold every 4D constant.
NAME_CUTOFF = 0.85


def check(unit: Unit, index: ProjectIndex) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    path = str(unit.file.path)
    types = declared_types(unit)
    callees = set()
    for node in unit.nodes:
        if isinstance(node, ast.Call):
            if isinstance(node.callee, ast.Name):
                callees.add(id(node.callee))
                problem = "" if unit.file.outside_sources else _unknown_call(node.callee, index)
                if problem:
                    found.append(Diagnostic(path, node.line, node.column, ERROR, problem, "unknown-command"))
            elif isinstance(node.callee, ast.Member):
                problem = _unknown_function(node.callee, unit, types, index)
                if problem:
                    found.append(Diagnostic(path, *start(node), ERROR, problem, "unknown-function"))
        elif isinstance(node, ast.Name) and id(node) not in callees:
            problem, severity = _unknown_name(node, index)
            if problem:
                found.append(Diagnostic(path, node.line, node.column, severity, problem, "unknown-name"))
        elif isinstance(node, ast.Member):
            problem = _unknown_class(node, index)
            if problem:
                found.append(Diagnostic(path, *start(node), ERROR, problem, "unknown-class"))
        elif isinstance(node, ast.TypeRef):
            problem = _unknown_type(node, index)
            if problem:
                found.append(Diagnostic(path, node.line, node.column, ERROR, problem, "unknown-class"))
    if unit.function is not None:       # parameter and result types of a class function
        for node in iter_nodes(unit.function.params + ([unit.function.result] if unit.function.result else [])):
            if isinstance(node, ast.TypeRef):
                problem = _unknown_type(node, index)
                if problem:
                    found.append(Diagnostic(path, node.line, node.column, ERROR, problem, "unknown-class"))
    return found


def check_unsupported(unit: Unit, index: ProjectIndex) -> list[Diagnostic]:
    """Commands the catalog knows that fourd does not implement (``--unsupported``)."""
    found = []
    for node in unit.nodes:
        if isinstance(node, ast.Call) and isinstance(node.callee, ast.Name):
            info = command_info(node.callee)
            if info is not None and registry.lookup(info.name) is None and not index.methods.get(info.name.lower()):
                found.append(Diagnostic(str(unit.file.path), node.line, node.column, WARNING,
                                        f"'{info.name}' is a 4D command that fourd does not implement yet",
                                        "unsupported"))
    return found


def command_info(name: ast.Name) -> catalog.CommandInfo | None:
    """The 4D command a name calls (tokenized or plain), or None."""
    if name.token is not None:
        return catalog.command_by_number(name.token[1]) if name.token[0] == "C" else None
    return catalog.command_by_name(name.name)


def _unknown_call(callee: ast.Name, index: ProjectIndex) -> str:
    lowered = callee.name.lower()
    if (callee.token is not None or command_info(callee) is not None or lowered in index.methods
            or lowered in index.unreadable or lowered.startswith(SHIPPED_COMPONENT_PREFIXES)):
        return ""
    suggestion = did_you_mean(callee.name, command_names() + index.method_names)
    return f"unknown command or method '{callee.name}'{suggestion}"


def _unknown_name(node: ast.Name, index: ProjectIndex) -> tuple[str, str]:
    lowered = node.name.lower()
    if (node.token is not None or catalog.command_by_name(lowered) is not None
            or catalog.constant_by_name(lowered) is not None or lowered in index.methods
            or lowered in index.variables or lowered in SYSTEM_VARIABLES or lowered in index.unreadable):
        return "", ""
    candidates = constant_names() + command_names() + index.method_names
    suggestion = closest(node.name, candidates, NAME_CUTOFF)
    if suggestion is None:              # maybe a constant the catalog lacks, a component's variable
        return "", ""
    return (f"unknown name '{node.name}' (not a constant, command, method or variable of the project); "
            f"did you mean '{suggestion}'?", ERROR)


def _unknown_class(node: ast.Member, index: ProjectIndex) -> str:
    target = node.target
    if isinstance(target, ast.FourD):
        if node.name in BUILTIN_CLASSES:
            return ""
        return f"unknown 4D class '4D.{node.name}'{did_you_mean(node.name, BUILTIN_CLASSES)}"
    if isinstance(target, ast.Name) and target.name.lower() == "cs" and target.token in (None, ("C", 1710)):
        return _unknown_project_class(node.name, index)
    return ""


def _unknown_project_class(name: str, index: ProjectIndex) -> str:
    if name in index.classes or index.has_components or name.lower() in index.unreadable:
        return ""
    return f"unknown class 'cs.{name}'{did_you_mean(name, index.classes)}"


def _unknown_type(node: ast.TypeRef, index: ProjectIndex) -> str:
    parts = node.parts
    if len(parts) == 2 and parts[0] == "cs":
        return _unknown_project_class(parts[1], index)
    if len(parts) == 2 and parts[0] == "4D" and parts[1] not in BUILTIN_CLASSES:
        return f"unknown 4D class '4D.{parts[1]}'{did_you_mean(parts[1], BUILTIN_CLASSES)}"
    return ""


def _unknown_function(callee: ast.Member, unit: Unit, types: dict, index: ProjectIndex) -> str:
    """A function called on an instance of a project class that its class chain does not have."""
    class_name = class_of(callee.target, unit, types, index)
    if class_name is None:
        return ""
    chain = list(index.class_chain(class_name))
    if not chain or chain[-1] is None or any(info.dynamic for info in chain):
        return ""                             # the chain leaves the project, or adds members by name
    known = {}
    for info in chain:
        known.update({name: node.name for name, node in info.functions.items()})
        known.update({name: name for name in info.properties})
    if callee.name.lower() in known:
        return ""
    return f"cs.{class_name} has no function '{callee.name}'{did_you_mean(callee.name, known.values())}"
