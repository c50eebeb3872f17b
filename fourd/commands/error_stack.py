"""``GET LAST ERROR STACK`` (commands-legacy/get-last-error-stack.md): the
current error stack in three arrays, the legacy form of ``Last errors``.

The arrays are (re)created with the types the page gives: error codes
(Longint), internal component codes (Text), error texts (Text). The stack is
the one ``Last errors`` returns: the errors of the last interrupted 4D
command or of the error being handled by an ``ON ERR CALL`` method."""
from __future__ import annotations

from fourd.commands.arguments import REF, command_with
from fourd.commands.registry import Ref
from fourd.runtime.arrays import Array4D
from fourd.runtime.process import current_process


def _filled(kind: str, values: list) -> Array4D:
    array = Array4D(kind, len(values))
    array.items[1:] = [array.convert(v) for v in values]
    return array


@command_with("_O_GET LAST ERROR STACK", REF, REF, REF, refs=(0, 1, 2))
def get_last_error_stack(codes: Ref, components: Ref, texts: Ref) -> None:
    stack = current_process().last_errors or []
    codes.set(_filled("longint", [int(code) for code, *_ in stack]))
    components.set(_filled("text", [component for _, _, component, _ in stack]))
    texts.set(_filled("text", [message for _, message, _, _ in stack]))
