"""Parse 4D source text into the AST of ``fourd.syntax.ast``.

``grammar/fourd.lark`` (shipped as ``fourd.grammar``) is loaded once and
its LALR tables are cached on disk by Lark; tokens come from
``fourd.syntax.lexer``; :class:`_LalrDriver` runs the tables and the
:class:`AstBuilder` callbacks inline, so no Lark tree is ever built and
nothing downstream sees Lark.
"""
from __future__ import annotations

import importlib.resources
import os
import re
import tempfile
from pathlib import Path
from functools import lru_cache

from lark import Lark, Transformer
from lark.exceptions import UnexpectedToken
from lark.lexer import Lexer

from fourd.runtime.values import Date, Time

from . import ast
from .errors import FourDSyntaxError
from .lexer import Scanner, Token


class _Tokens(Lexer):
    """Lark builds its parser around a lexer; ours runs outside Lark (the
    tables are driven by :class:`_LalrDriver`), so this one passes tokens on."""

    def __init__(self, lexer_conf):
        pass

    def lex(self, data):
        return data


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    out = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n:
            nxt = text[i + 1]
            out.append({"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}.get(nxt, "\\" + nxt))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def parse_date(text: str) -> Date:
    """A date literal's text to a Date (Concepts/dt_date.md): ISO ``2024-01-31``
    (also ``2018/01/21``), the null date ``00-00-00``, or the compatibility
    system format ``12/04/98`` (MM/DD, a two-digit year is 19xx from 30 on)."""
    parts = re.split(r"[-/.]", text)
    a, b, c = (int(p) for p in parts)
    if (a, b, c) == (0, 0, 0):
        return Date.NULL
    if len(parts[0]) >= 3:
        year, month, day = a, b, c            # YYYY-MM-DD
    elif len(parts[2]) >= 3 or "-" not in text:
        month, day, year = a, b, c            # MM/DD/YYYY, MM/DD/YY
    else:
        year, month, day = a, b, c            # YY-MM-DD
    if year < 100:
        year += 2000 if year < 30 else 1900
    try:
        Date(year, month, day).to_pydate()
    except ValueError:
        return Date.NULL
    return Date(year, month, day)


def parse_time(text: str) -> Time:
    sign = -1 if text.startswith("-") else 1
    parts = [int(p) for p in text.lstrip("-").split(":")] + [0]
    return Time(sign * (parts[0] * 3600 + parts[1] * 60 + parts[2]))


# Function get/set: computed properties (Concepts/classes.md); Function query/orderBy:
# computed attributes of ORDA entity classes (ORDA/ordaClasses.md).
_FUNCTION_KINDS = {"get", "set", "query", "orderby"}
_VARIABLE_SCOPES = {"LOCAL": "local", "NAME": "process", "INTERPROCESS": "interprocess"}
# Operators a command may take as an argument of their own (sort orders, query conjunctions).
_QUERY_CONJUNCTIONS = {"&", "|", "#"}
_OPERATOR_ARGUMENTS = {">", "<"} | _QUERY_CONJUNCTIONS


def _operator_argument(tok: Token, allowed: set) -> ast.OperatorArg:
    if tok.value not in allowed:
        raise FourDSyntaxError(f"unexpected operator '{tok.value}': an expression was expected",
                               "", tok.line, tok.column)
    return ast.OperatorArg(tok.line, tok.column, tok.value)


class AstBuilder(Transformer):
    """Builds AST nodes from the grammar's rules (see grammar/fourd.lark)."""

    # --- module structure
    def start(self, children):
        body = children[0] if children else []
        members = children[1:]
        # A function's body runs until the next member, so a `property` line
        # written between two functions lands in the first one: it belongs to
        # the class (properties are only allowed at class level).
        for member in members:
            if any(isinstance(stmt, ast.PropertyDecl) for stmt in member.body):
                body = body + [s for s in member.body if isinstance(s, ast.PropertyDecl)]
                member.body = [s for s in member.body if not isinstance(s, ast.PropertyDecl)]
        return ast.Module(1, 1, body, members)

    def block(self, children):
        return children

    def constructor(self, children):
        mods = [c.value for c in children if isinstance(c, Token) and c.type == "MODIFIER"]
        kw = next(c for c in children if isinstance(c, Token) and c.type == "CLASS_CONSTRUCTOR")
        params = next((c for c in children if isinstance(c, list) and c and isinstance(c[0], ast.Param)), [])
        body = children[-1]
        if body is params:
            params = []
        return ast.Function(kw.line, kw.column, "constructor", "constructor", mods, params, None, body)

    def function(self, children):
        mods = [c.value for c in children if isinstance(c, Token) and c.type == "MODIFIER"]
        names = [c.value for c in children if isinstance(c, Token) and c.type == "NAME"]
        kw = next(c for c in children if isinstance(c, Token) and c.type == "FUNCTION")
        params = next((c for c in children[:-1] if isinstance(c, list)), [])
        result = next((c for c in children if isinstance(c, ast.Result)), None)
        kind, name = "function", names[0]
        if len(names) == 2:
            if names[0].lower() not in _FUNCTION_KINDS:
                raise FourDSyntaxError(f"expected 'get', 'set', 'query' or 'orderBy' before {names[1]!r}",
                                       "", kw.line, kw.column)
            kind, name = names[0].lower(), names[1]
        return ast.Function(kw.line, kw.column, name, kind, mods, params, result, children[-1])

    # --- statements
    def expr_stmt(self, children):
        e = children[0]
        return ast.ExprStmt(e.line, e.column, e)

    def assign(self, children):
        target, op, value = children
        return ast.Assign(target.line, target.column, target, op.value, value)

    def var_decl(self, children):
        kw = children[0]
        variables = [c for c in children[1:] if isinstance(c, Token) and c.type in _VARIABLE_SCOPES]
        type_ = next((c for c in children if isinstance(c, ast.TypeRef)), None)
        value = None
        for i, c in enumerate(children):
            if isinstance(c, Token) and c.type == "ASSIGN":
                value = children[i + 1]
        return ast.VarDecl(kw.line, kw.column, [v.value for v in variables], type_, value,
                           [_VARIABLE_SCOPES[v.type] for v in variables])

    def if_stmt(self, children):
        kw, cond, body = children[0], children[1], children[2]
        orelse = children[4] if len(children) > 4 else []
        return ast.If(kw.line, kw.column, cond, body, orelse)

    def case_stmt(self, children):
        kw = children[0]
        branches = [c for c in children if isinstance(c, tuple)]
        orelse = []
        for i, c in enumerate(children):
            if isinstance(c, Token) and c.type == "ELSE":
                orelse = children[i + 1]
        return ast.Case(kw.line, kw.column, branches, orelse)

    def case_branch(self, children):
        return (children[0], children[1])

    def for_stmt(self, children):
        kw, target, start, end = children[:4]
        step = children[4] if len(children) == 7 else None
        return ast.For(kw.line, kw.column, target, start, end, step, children[-2])

    def foreach_stmt(self, children):
        kw = children[0]
        exprs = []
        conditions = []
        body = None
        for c in children[1:]:
            if isinstance(c, Token):
                continue
            if isinstance(c, list):
                body = c
            elif isinstance(c, tuple):
                conditions.append(c)
            else:
                exprs.append(c)
        target, source = exprs[0], exprs[1]
        begin = exprs[2] if len(exprs) > 2 else None
        end = exprs[3] if len(exprs) > 3 else None
        until = next((e for k, e in conditions if k == "until"), None)
        while_ = next((e for k, e in conditions if k == "while"), None)
        return ast.ForEach(kw.line, kw.column, target, source, begin, end, until, while_, body)

    def loop_condition(self, children):
        return (children[0].type.lower(), children[1])

    def while_stmt(self, children):
        kw, cond, body = children[:3]
        return ast.While(kw.line, kw.column, cond, body)

    def repeat_stmt(self, children):
        kw, body, _until, cond = children
        return ast.Repeat(kw.line, kw.column, body, cond)

    def try_stmt(self, children):
        kw, body = children[0], children[1]
        catch = children[3] if len(children) > 3 else []
        return ast.TryBlock(kw.line, kw.column, body, catch)

    def use_stmt(self, children):
        kw, target, body = children[:3]
        return ast.Use(kw.line, kw.column, target, body)

    def return_stmt(self, children):
        kw = children[0]
        return ast.Return(kw.line, kw.column, children[1] if len(children) > 1 else None)

    def break_stmt(self, children):
        return ast.Break(children[0].line, children[0].column)

    def continue_stmt(self, children):
        return ast.Continue(children[0].line, children[0].column)

    def sql_block(self, children):
        tok = children[0]
        return ast.SqlBlock(tok.line, tok.column, tok.value)

    def declare(self, children):
        kw = children[0]
        params = next((c for c in children if isinstance(c, list)), [])
        result = next((c for c in children if isinstance(c, ast.Result)), None)
        return ast.Declare(kw.line, kw.column, params, result)

    def params(self, children):
        return children

    def param(self, children):
        tok = children[0]
        name = "..." if tok.type == "ELLIPSIS" else tok.value
        type_ = children[1] if len(children) > 1 else None
        return ast.Param(tok.line, tok.column, name, type_)

    def result(self, children):
        first = children[0]
        if isinstance(first, Token) and first.type == "ARROW":
            type_ = children[2] if len(children) > 2 else None
            return ast.Result(first.line, first.column, children[1].value, type_)
        return ast.Result(first.line, first.column, None, first)

    def type(self, children):
        first = children[0]
        head = first.value[0] if first.type == "TOKNAME" else ("4D" if first.type == "FOURD" else first.value)
        return ast.TypeRef(first.line, first.column, [head] + [c.value for c in children[1:]])

    def property_decl(self, children):
        kw = children[0]
        names = [c.value for c in children if isinstance(c, Token) and c.type == "NAME"]
        type_ = next((c for c in children if isinstance(c, ast.TypeRef)), None)
        value = None
        for i, c in enumerate(children):
            if isinstance(c, Token) and c.type == "ASSIGN":
                value = children[i + 1]
        return ast.PropertyDecl(kw.line, kw.column, names, type_, value)

    def class_extends(self, children):
        kw = children[0]
        return ast.ClassExtends(kw.line, kw.column, children[1])

    # --- expressions
    def ternary(self, children):
        cond, a, b = children
        return ast.Ternary(cond.line, cond.column, cond, a, b)

    def binop(self, children):
        left, op, right = children
        return ast.Binary(op.line, op.column, op.value, left, right)

    def neg(self, children):
        op, operand = children
        return ast.Unary(op.line, op.column, "-", operand)

    def pos(self, children):
        op, operand = children
        return ast.Unary(op.line, op.column, "+", operand)

    def pointer_to(self, children):
        op, target = children
        return ast.PointerTo(op.line, op.column, target)

    def member(self, children):
        target, name = children
        return ast.Member(name.line, name.column - 1, target, name.value)

    def index(self, children):
        target, index = children
        return ast.Index(target.line, target.column, target, index)

    def char_ref(self, children):
        target, _open, index = children
        return ast.CharRef(target.line, target.column, target, index)

    def array_element(self, children):
        target, index = children
        return ast.ArrayElement(target.line, target.column, target, index)

    def call(self, children):
        callee = children[0]
        args = children[1] if len(children) > 1 else []
        return ast.Call(callee.line, callee.column, callee, args)

    def deref(self, children):
        target, op = children
        return ast.Deref(op.line, op.column, target)

    def deref_member(self, children):
        # `vPtr->a` is `(vPtr->).a` (Concepts/dt_object.md, Pointers)
        target, op, name = children
        return ast.Member(name.line, name.column, ast.Deref(op.line, op.column, target), name.value)

    def args(self, children):
        if any(child.__class__ is list for child in children):
            # A conjunction leading a query argument stands for two arguments.
            return [arg for child in children
                    for arg in (child if child.__class__ is list else (child,))]
        return children

    def assign_expr(self, children):
        target, op, value = children
        return ast.AssignExpr(target.line, target.column, target, op.value, value)

    def star(self, children):
        tok = children[0]
        return ast.Star(tok.line, tok.column)

    def operator_arg(self, children):
        return _operator_argument(children[0], _OPERATOR_ARGUMENTS)

    def conjunction_arg(self, children):
        """`& [T]f=1` in QUERY: the conjunction then the query argument
        (commands/query.md, queryArgument is `{conjunction ;} field comparator value`)."""
        tok, expr = children
        return [_operator_argument(tok, _QUERY_CONJUNCTIONS), expr]

    def empty_arg(self, children):
        return ast.EmptyArg(0, 0)

    def number(self, children):
        tok = children[0]
        return ast.Literal(tok.line, tok.column, float(tok.value))

    def hexnumber(self, children):
        tok = children[0]
        return ast.Literal(tok.line, tok.column, float(int(tok.value, 16)))

    def string(self, children):
        tok = children[0]
        return ast.Literal(tok.line, tok.column, _unescape(tok.value))

    def date(self, children):
        tok = children[0]
        return ast.Literal(tok.line, tok.column, parse_date(tok.value))

    def time(self, children):
        tok = children[0]
        return ast.Literal(tok.line, tok.column, parse_time(tok.value))

    def local(self, children):
        tok = children[0]
        return ast.Local(tok.line, tok.column, tok.value)

    def param_indirect(self, children):
        tok, index = children
        return ast.ParamIndirect(tok.line, tok.column, index)

    def interprocess(self, children):
        tok = children[0]
        return ast.Interprocess(tok.line, tok.column, tok.value)

    def field(self, children):
        tok = children[0]
        return ast.Field(tok.line, tok.column, tok.value[0], tok.value[1])

    def table(self, children):
        tok = children[0]
        return ast.Table(tok.line, tok.column, tok.value)

    def name(self, children):
        tok = children[0]
        return ast.Name(tok.line, tok.column, tok.value)

    def tokname(self, children):
        tok = children[0]
        name, kind, n1, n2 = tok.value
        if kind == "C" and n1 == 1709:
            return ast.FourD(tok.line, tok.column)
        token = (kind, n1) if n2 is None else (kind, n1, n2)
        return ast.Name(tok.line, tok.column, name, token)

    def fourd(self, children):
        tok = children[0]
        return ast.FourD(tok.line, tok.column)

    def try_expr(self, children):
        kw, expr = children
        return ast.TryExpr(kw.line, kw.column, expr)

    def collection(self, children):
        if not children:
            return ast.CollectionLiteral(0, 0, [])
        first = children[0]
        return ast.CollectionLiteral(first.line, first.column, children)

    def object(self, children):
        if not children:
            return ast.ObjectLiteral(0, 0, [])
        return ast.ObjectLiteral(children[0][2], children[0][3], [(k, v) for k, v, _, _ in children])

    def entry(self, children):
        key, value = children
        if key.type == "STRING":
            name = _unescape(key.value)
        else:
            name = "$" + key.value if key.type == "LOCAL" else key.value
        return (name, value, key.line, key.column)


# Human names of token types, for error messages.
_TOKEN_NAMES = {
    "_NL": "end of line", "NAME": "a name", "TOKNAME": "a name", "LOCAL": "a local variable",
    "NUMBER": "a number", "STRING": "a text literal", "BINOP": "an operator", "ASSIGN": "':='",
    "LPAR": "'('", "RPAR": "')'", "LSQB": "'['", "RSQB": "']'", "LBRACE": "'{'", "RBRACE": "'}'",
    "SEMICOLON": "';'", "COMMA": "','", "COLON": "':'", "DOT": "'.'", "QMARK": "'?'", "ARROW": "'->'",
    "END_IF": "End if", "END_CASE": "End case", "END_FOR": "End for", "END_FOR_EACH": "End for each",
    "END_WHILE": "End while", "UNTIL": "Until", "END_TRY": "End try", "END_USE": "End use",
    "ELSE": "Else", "CATCH": "Catch", "FUNCTION": "Function", "$END": "end of file", "FOURD": "'4D'",
    "INTERPROCESS": "an interprocess variable", "FIELD": "a field", "TABLE": "a table",
}


def _describe(token) -> str:
    if token.type == "$END":
        return "end of file"
    if token.type == "_NL":
        return "end of line"
    value = token.value
    if token.type == "LOCAL":
        value = "$" + value
    elif token.type == "INTERPROCESS":
        value = "<>" + value
    elif token.type == "TOKNAME":
        value = value[0]
    elif token.type == "STRING":
        value = f'"{value}"'
    elif token.type == "FIELD":
        value = f"[{value[0]}]{value[1]}"
    elif token.type == "TABLE":
        value = f"[{value}]"
    return f"'{value}'"


def _expected(tokens) -> str:
    names = sorted({_TOKEN_NAMES.get(t, t.lower().replace("_", " ")) for t in tokens if not t.startswith("__")})
    if len(names) > 6 and "_NL" in tokens:
        return "; expected end of line"       # a complete statement followed by more
    if not names or len(names) > 6:
        return ""
    return "; expected " + ", ".join(names)


# Tokens that must be followed by an operand.
_NEEDS_OPERAND = {"BINOP", "PLUS", "MINUS", "STAR", "ASSIGN", "COMPOUND_ASSIGN", "QMARK"}


def _unexpected_message(err: UnexpectedToken, scanner: Scanner) -> str:
    previous = scanner.previous
    if previous is not None and previous.type in _NEEDS_OPERAND and err.token is scanner.current:
        return f"an expression is expected after '{previous.value}'"
    if previous is not None and previous.type == "DOT" and err.token is scanner.current:
        return "a property name is expected after '.'"
    return f"unexpected {_describe(err.token)}{_expected(err.expected)}"


def grammar_text() -> str:
    """The grammar: packaged as ``fourd.grammar`` once installed; in a source
    checkout run in place (``python -m pytest``, ``python -m fourd`` from the
    repository root), the top-level ``grammar/`` folder beside ``fourd/``."""
    try:
        return importlib.resources.files("fourd.grammar").joinpath("fourd.lark").read_text()
    except ModuleNotFoundError:
        return (Path(__file__).resolve().parents[2] / "grammar" / "fourd.lark").read_text()


@lru_cache(maxsize=1)
def _parser() -> "_LalrDriver":
    grammar = grammar_text()
    cache_dir = os.environ.get("FOURD_CACHE_DIR") or os.path.join(tempfile.gettempdir(), "fourd-cache")
    try:
        os.makedirs(cache_dir, exist_ok=True)
        cache = os.path.join(cache_dir, f"grammar-{_grammar_hash(grammar)}.lark-cache")
    except OSError:
        cache = False
    return _LalrDriver(Lark(grammar, parser="lalr", lexer=_Tokens, transformer=AstBuilder(),
                            maybe_placeholders=False, cache=cache))


class _LalrDriver:
    """Runs the LALR tables Lark built for the grammar over our token stream.

    Lark's own loop (``ParserState.feed_token``) looks up each reduction's
    rule, callback and goto symbol through generic objects for every token;
    here they are resolved once per table entry, which makes parsing about
    twice as fast. The callbacks are Lark's (tree shaping + AstBuilder), so
    the result is the same as ``Lark.parse``.
    """

    def __init__(self, lark: Lark):
        inner = lark.parser.parser.parser          # frontend -> LALR_Parser -> _Parser
        table, callbacks = inner.parse_table, inner.callbacks
        self.start = table.start_states["start"]
        self.end = table.end_states["start"]
        self.actions = {}
        for state, row in table.states.items():
            entries = {}
            for symbol, (action, arg) in row.items():
                if action.name == "Shift":
                    entries[symbol] = arg
                else:                              # a reduction: (size, callback, goto symbol)
                    entries[symbol] = (len(arg.expansion), callbacks[arg], arg.origin.name)
            self.actions[state] = entries

    def parse(self, tokens):
        actions, end_state = self.actions, self.end
        states = [self.start]
        values = []
        push_state, push_value = states.append, values.append
        token = None
        type_ = None
        for token in tokens:
            type_ = token.type
            while True:
                action = actions[states[-1]].get(type_)
                if action is None:
                    expected = {symbol for symbol in actions[states[-1]] if symbol.isupper()}
                    raise UnexpectedToken(token, expected)
                if action.__class__ is int:        # shift
                    push_state(action)
                    push_value(token)
                    break
                size, callback, origin = action
                if size:
                    children = values[-size:]
                    del states[-size:]
                    del values[-size:]
                else:
                    children = []
                push_value(callback(children))
                push_state(actions[states[-1]][origin])
                if type_ == "$END" and states[-1] == end_state:
                    return values[-1]
        raise AssertionError("the scanner ends every stream with $END")


def _grammar_hash(grammar: str) -> str:
    import hashlib
    import lark
    return hashlib.sha256((grammar + lark.__version__).encode()).hexdigest()[:16]


def parse(text: str, path: str = "<string>") -> ast.Module:
    """Parse one method or class file. Raises FourDSyntaxError."""
    if text.startswith("\ufeff"):
        text = text[1:]
    attributes = ""
    if text.startswith("//%attributes"):
        attributes = text.split("\n", 1)[0].split("=", 1)[-1].strip()
    scanner = Scanner(text, path)
    try:
        module = _parser().parse(scanner.tokens())
    except FourDSyntaxError as err:
        err.path, err.source = path, text
        raise
    except UnexpectedToken as err:
        tok = err.token
        line = getattr(tok, "line", None) or 1
        column = getattr(tok, "column", None) or 1
        raise FourDSyntaxError(_unexpected_message(err, scanner), path, line, column, text) from None
    module.attributes = attributes
    return module
