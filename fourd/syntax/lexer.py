"""The 4D lexer: source text to tokens for the Lark LALR parser.

4D's lexical rules depend on context, so this is a hand-written, one-pass
scanner rather than Lark's regex lexer:

* names may contain spaces (``New collection``, ``TEXT TO BLOB``, ``Is
  object``): after a word, the lexer extends it greedily with the following
  words while they spell a name known to the catalog (or a keyword such as
  ``End for each``), in any letter case;
* exported code carries tokens: ``Length:C16``, ``Is object:K8:27``,
  ``4D:C1709`` — recognised even for names the catalog does not know;
* keywords (``If``, ``end if``) are keywords in any case, except after a
  ``.`` where every word is a property name;
* ``\\`` at the end of a line continues the statement on the next line,
  elsewhere it is integer division;
* ``[[`` right after an operand opens a character reference (``$t[[1]]``);
* ``Begin SQL … End SQL`` is kept as one opaque token.

Newlines end statements: consecutive newlines (and comment-only lines) give
one ``_NL`` token, and the token stream always ends with one.
"""
from __future__ import annotations

import re
from functools import lru_cache

from lark import Token

from .errors import FourDSyntaxError

# Keywords, by their lower-cased words joined by one space.
KEYWORDS = {
    "if": "IF", "else": "ELSE", "end if": "END_IF",
    "case of": "CASE_OF", "end case": "END_CASE",
    "for": "FOR", "end for": "END_FOR", "for each": "FOR_EACH", "end for each": "END_FOR_EACH",
    "while": "WHILE", "end while": "END_WHILE", "repeat": "REPEAT", "until": "UNTIL",
    "try": "TRY", "catch": "CATCH", "end try": "END_TRY", "use": "USE", "end use": "END_USE",
    "return": "RETURN", "break": "BREAK", "continue": "CONTINUE", "var": "VAR",
    "property": "PROPERTY", "function": "FUNCTION",
    "class constructor": "CLASS_CONSTRUCTOR", "class extends": "CLASS_EXTENDS",
    "begin sql": "BEGIN_SQL",
}
MODIFIERS = {"shared", "singleton", "session", "exposed", "local", "server"}

# Tokens after which the next token is in "operand ended" position.
_OPERAND_END = {"NAME", "TOKNAME", "LOCAL", "INTERPROCESS", "FIELD", "FOURD", "RPAR", "RSQB",
                "RBRACE", "STRING", "NUMBER", "HEXNUMBER", "DATE", "TIME"}

_WORD = re.compile(r"[^\W\d]\w*")
_NEXT_WORD = re.compile(r"( +)(\w+)")
_TOKENIZED = re.compile(r"([^\W\d]\w*(?: [^\s:;()\[\]{}]+)*?):([CKP])(\d+)(?::(\d+))?")
_MODIFIER_AHEAD = re.compile(r"[ \t]+(shared|singleton|session|exposed|local|server|function|class[ \t]+constructor)\b",
                             re.IGNORECASE)
_FOURD = re.compile(r"4D(?::C1709)?(?!\w)")
_NUMBER = re.compile(r"(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_HEX = re.compile(r"0[xX][0-9a-fA-F]+")
_STRING = re.compile(r'"((?:[^"\\\r\n]|\\.)*)"')
_DATE = re.compile(r"!([0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4})!")
_TIME = re.compile(r"\?(-?\d+:\d{1,2}(?::\d{1,2})?)\?")
_LOCAL = re.compile(r"\$(\w+)")
_INTERPROCESS = re.compile(r"<>([^\W\d]\w*)")
_FIELD = re.compile(r"\[([^\[\]\r\n\"$;:]+?)(?::\d+)?\]([^\W\d]\w*)(?::\d+)?")
_DECLARE = re.compile(r"#DECLARE\b", re.IGNORECASE)
_CONTINUATION = re.compile(r"\\[ \t]*(?://[^\r\n]*)?(?:\r\n|\r|\n)")
_LINE_COMMENT = re.compile(r"//[^\r\n]*")
_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")
_END_SQL = re.compile(r"\bEnd[ \t]+SQL\b", re.IGNORECASE)
_NEWLINE = re.compile(r"\r\n|\r|\n")

# Multi-character operators first: the scanner tries them longest first.
_OPERATORS = [
    (":=", "ASSIGN"), ("+=", "COMPOUND_ASSIGN"), ("-=", "COMPOUND_ASSIGN"),
    ("*=", "COMPOUND_ASSIGN"), ("/=", "COMPOUND_ASSIGN"), ("->", "ARROW"), ("...", "ELLIPSIS"),
    ("<=", "BINOP"), (">=", "BINOP"), ("<<", "BINOP"), (">>", "BINOP"), ("?+", "BINOP"),
    ("?-", "BINOP"), ("??", "BINOP"), ("^|", "BINOP"), ("&&", "BINOP"), ("||", "BINOP"),
    ("=", "BINOP"), ("#", "BINOP"), ("<", "BINOP"), (">", "BINOP"), ("/", "BINOP"),
    ("\\", "BINOP"), ("%", "BINOP"), ("^", "BINOP"), ("&", "BINOP"), ("|", "BINOP"),
    ("+", "PLUS"), ("-", "MINUS"), ("*", "STAR"),
    ("(", "LPAR"), (")", "RPAR"), ("[", "LSQB"), ("]", "RSQB"), ("{", "LBRACE"),
    ("}", "RBRACE"), (";", "SEMICOLON"), (":", "COLON"), (".", "DOT"), ("?", "QMARK"),
]
_OPERATOR_TYPES: dict[str, list] = {}
for _text, _type in _OPERATORS:
    _OPERATOR_TYPES.setdefault(_text[0], []).append((_text, _type))


@lru_cache(maxsize=1)
def _names() -> tuple[frozenset, frozenset]:
    """(every known multi-word name and keyword, every proper prefix of one),
    lower-cased with words joined by one space."""
    from . import catalog

    full = {name.lower() for name in catalog.multiword_names()}
    full.update(k for k in KEYWORDS if " " in k)
    prefixes = set()
    for name in full:
        words = name.split(" ")
        for i in range(1, len(words)):
            prefixes.add(" ".join(words[:i]))
    return frozenset(full), frozenset(prefixes)


def tokenize(text: str, path: str = "<string>"):
    """Yield Lark tokens for *text*; raise FourDSyntaxError on bad input."""
    return _Scanner(text, path).tokens()


class _Scanner:
    def __init__(self, text: str, path: str):
        if text.startswith("\ufeff"):
            text = text[1:]
        self.text = text
        self.path = path
        self.pos = 0
        self.line = 1
        self.line_start = 0
        self.last = "_NL"             # type of the last token emitted

    def error(self, message: str, pos: int | None = None):
        pos = self.pos if pos is None else pos
        raise FourDSyntaxError(message, self.path, self.line, pos - self.line_start + 1, self.text)

    def token(self, type_: str, value, start: int, end: int) -> Token:
        col = start - self.line_start + 1
        tok = Token(type_, value, start, self.line, col, self.line, col + (end - start), end)
        self.last = type_
        return tok

    def newline(self, end: int):
        self.line += 1
        self.line_start = end

    def count_newlines(self, start: int, end: int):
        """Advance line bookkeeping over a span that may contain newlines."""
        for m in _NEWLINE.finditer(self.text, start, end):
            self.newline(m.end())

    def tokens(self):
        text = self.text
        n = len(text)
        while self.pos < n:
            pos = self.pos
            ch = text[pos]
            if ch in " \t\f\v\u00a0":
                self.pos = _SPACES.match(text, pos).end()
                continue
            if ch in "\r\n":
                end = pos + (2 if text.startswith("\r\n", pos) else 1)
                if self.last != "_NL":
                    yield self.token("_NL", "\n", pos, pos)
                self.pos = end
                self.newline(end)
                continue
            if ch == "/" and text.startswith("//", pos):
                self.pos = _LINE_COMMENT.match(text, pos).end()
                continue
            if ch == "/" and text.startswith("/*", pos):
                m = _BLOCK_COMMENT.match(text, pos)
                if m is None:
                    self.error("unterminated comment: /* has no closing */")
                self.pos = m.end()
                if "\n" in m.group() or "\r" in m.group():
                    if self.last != "_NL":
                        yield self.token("_NL", "\n", pos, pos)
                    self.count_newlines(pos, m.end())
                continue
            if ch == "\\":
                m = _CONTINUATION.match(text, pos)
                if m is not None:
                    self.pos = m.end()
                    self.newline(m.end())
                    continue
            if ch == '"':
                m = _STRING.match(text, pos)
                if m is None:
                    self.error("unterminated text literal: missing closing \"")
                self.pos = m.end()
                yield self.token("STRING", m.group(1), pos, m.end())
                continue
            if ch == "$":
                m = _LOCAL.match(text, pos)
                if m is not None:
                    self.pos = m.end()
                    yield self.token("LOCAL", m.group(1), pos, m.end())
                elif text.startswith("${", pos):
                    self.pos = pos + 2
                    yield self.token("PARAM_OPEN", "${", pos, pos + 2)
                else:
                    self.error("a local variable name must follow $")
                continue
            if ch.isdigit():
                yield self.number(pos)
                continue
            if ch == "_" or ch.isalpha():
                yield from self.word(pos)
                continue
            if ch == "!":
                m = _DATE.match(text, pos)
                if m is None:
                    self.error("invalid date literal (expected !YYYY-MM-DD!)")
                self.pos = m.end()
                yield self.token("DATE", m.group(1), pos, m.end())
                continue
            if ch == "?":
                m = _TIME.match(text, pos)
                if m is not None:
                    self.pos = m.end()
                    yield self.token("TIME", m.group(1), pos, m.end())
                    continue
            if ch == "<" and text.startswith("<>", pos):
                m = _INTERPROCESS.match(text, pos)
                if m is not None:
                    self.pos = m.end()
                    yield self.token("INTERPROCESS", m.group(1), pos, m.end())
                    continue
            if ch == "#":
                m = _DECLARE.match(text, pos)
                if m is not None:
                    self.pos = m.end()
                    yield self.token("DECLARE", "#DECLARE", pos, m.end())
                    continue
            if ch == "[":
                if self.last in _OPERAND_END:
                    if text.startswith("[[", pos):
                        self.pos = pos + 2
                        yield self.token("CHARREF", "[[", pos, pos + 2)
                        continue
                else:
                    m = _FIELD.match(text, pos)
                    if m is not None:
                        self.pos = m.end()
                        yield self.token("FIELD", (m.group(1).strip(), m.group(2)), pos, m.end())
                        continue
            for op, type_ in _OPERATOR_TYPES.get(ch, ()):
                if text.startswith(op, pos):
                    self.pos = pos + len(op)
                    yield self.token(type_, op, pos, self.pos)
                    break
            else:
                self.error(f"unexpected character {ch!r}")
        if self.last != "_NL":
            yield self.token("_NL", "\n", self.pos, self.pos)

    def number(self, pos: int) -> Token:
        text = self.text
        m = _FOURD.match(text, pos)
        if m is not None:
            self.pos = m.end()
            return self.token("FOURD", "4D", pos, m.end())
        m = _HEX.match(text, pos)
        if m is not None:
            self.pos = m.end()
            return self.token("HEXNUMBER", m.group(), pos, m.end())
        m = _NUMBER.match(text, pos)
        end = m.end()
        # "1.foo" is not a number followed by a member: leave the dot alone.
        if text[end - 1] == "." and end < len(text) and (text[end].isalpha() or text[end] == "_"):
            end -= 1
        self.pos = end
        return self.token("NUMBER", text[pos:end], pos, end)

    def word(self, pos: int):
        """A name, keyword or tokenized name starting at *pos*."""
        text = self.text
        after_dot = self.last == "DOT"
        if not after_dot:
            colon = text.find(":", pos, pos + 120)
            if colon != -1:
                m = _TOKENIZED.match(text, pos)
                if m is not None:
                    yield self.tokenized(m, pos)
                    return
        m = _WORD.match(text, pos)
        end = m.end()
        word = m.group()
        if after_dot:
            self.pos = end
            yield self.token("NAME", word, pos, end)
            return
        lower = word.lower()
        full, prefixes = _names()
        if lower in prefixes:
            # Extend over the following words while they spell a longer name.
            best_end, best = (end, lower) if lower in full or lower in KEYWORDS else (None, None)
            candidate, scan = lower, end
            while True:
                m2 = _NEXT_WORD.match(text, scan)
                if m2 is None:
                    break
                candidate = candidate + " " + m2.group(2).lower()
                if candidate not in prefixes and candidate not in full:
                    break
                scan = m2.end()
                if candidate in full:
                    best_end, best = scan, candidate
            if best is not None and best_end != end:
                yield from self.named(best, text[pos:best_end], pos, best_end)
                return
        yield from self.named(lower, word, pos, end)

    def named(self, lower: str, source: str, pos: int, end: int):
        keyword = KEYWORDS.get(" ".join(lower.split()))
        self.pos = end
        if keyword is None:
            if lower in MODIFIERS and _MODIFIER_AHEAD.match(self.text, end):
                yield self.token("MODIFIER", lower, pos, end)
            else:
                yield self.token("NAME", source, pos, end)
        elif keyword == "BEGIN_SQL":
            m = _END_SQL.search(self.text, end)
            if m is None:
                self.error("Begin SQL has no matching End SQL", pos)
            tok = self.token("SQLBLOCK", self.text[end:m.start()], pos, m.end())
            self.count_newlines(end, m.end())
            self.pos = m.end()
            yield tok
        else:
            yield self.token(keyword, source, pos, end)

    def tokenized(self, m: re.Match, pos: int) -> Token:
        """``Name:C123`` / ``Name:K8:27``: value is (name, kind, n1, n2)."""
        name, kind, n1, n2 = m.group(1), m.group(2), int(m.group(3)), m.group(4)
        self.pos = m.end()
        value = (name, kind, n1, int(n2) if n2 is not None else None)
        keyword = KEYWORDS.get(name.lower()) if kind == "C" else None
        if keyword is not None and keyword != "BEGIN_SQL":
            return self.token(keyword, name, pos, m.end())
        return self.token("TOKNAME", value, pos, m.end())
