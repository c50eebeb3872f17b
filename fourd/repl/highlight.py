"""A Pygments lexer for 4D, for colour at the REPL prompt (``fourd[repl]``).

Only what a reader needs to see at a glance: comments, text, dates and
times, numbers, keywords, local and interprocess variables, and the names
of 4D commands (single-word names are checked against the catalog).
"""
from __future__ import annotations

from pygments.lexer import RegexLexer
from pygments.token import Comment, Keyword, Name, Number, Operator, Punctuation, String, Text

from fourd.syntax import catalog

_KEYWORDS = (r"(?i)\b(end\s+for\s+each|for\s+each|end\s+if|end\s+case|end\s+for|end\s+while|"
             r"end\s+try|end\s+use|case\s+of|if|else|for|while|repeat|until|try|catch|use|"
             r"return|break|continue|var|function|property|class\s+constructor|"
             r"class\s+extends|#declare)\b")


def _word(lexer, match):
    """A name: a command of the catalog, a constant, or anything else."""
    word = match.group()
    if catalog.command_by_name(word) is not None:
        yield match.start(), Name.Builtin, word
    elif catalog.constant_by_name(word) is not None:
        yield match.start(), Name.Constant, word
    else:
        yield match.start(), Name, word


class FourDLexer(RegexLexer):
    name = "4D"
    aliases = ["4d", "fourd"]
    filenames = ["*.4dm"]

    tokens = {
        "root": [
            (r"//[^\n]*", Comment.Single),
            (r"/\*", Comment.Multiline, "comment"),
            (r'"(?:[^"\\\n]|\\.)*"?', String),
            (r"![0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}!", Number.Other),
            (r"\?-?\d+:\d{1,2}(?::\d{1,2})?\?", Number.Other),
            (r"0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?", Number),
            (r"\$\w+", Name.Variable),
            (r"<>\w+", Name.Variable.Global),
            (_KEYWORDS, Keyword),
            (r"\b(cs|4D|This|Super)\b", Name.Builtin.Pseudo),
            (r"[^\W\d]\w*", _word),
            (r":=|->|[-+*/\\%^&|<>=#?]=?", Operator),
            (r"[()\[\]{};:.]", Punctuation),
            (r"\s+", Text),
            (r".", Text),
        ],
        "comment": [
            (r"[^*]+", Comment.Multiline),
            (r"\*/", Comment.Multiline, "#pop"),
            (r"\*", Comment.Multiline),
        ],
    }
