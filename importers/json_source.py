"""Reading published JSON: exact decimals, clear errors, and line numbers.

Money in JSON must not pass through float, so numbers are read as Decimal
(whole numbers too, so a thousand-digit one is a reject, not a crash). A
number with an exponent (``1e3``) is kept as the text it is, so an amount
written that way is refused like ``1e3`` in a CSV, never reread.
``unreadable_value`` finds ``NaN`` and ``Infinity`` (which Python's json
module reads but JSON does not have) and lone surrogates (``"\\ud800"``,
not text), so the record holding one is rejected and the rest import.
JSON records have no row numbers, so a record's line is found by walking
the text, which is what a user will look for in an editor.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from importers.csv_table import read_text
from importers.results import InputError
from importers.values import CONTROL

MAX_RAW = 2000
_SURROGATE = re.compile("[\ud800-\udfff]")


class NotJSON(str):
    """``NaN``, ``Infinity`` or ``-Infinity``: read, but not a JSON number."""


def _number(text: str) -> Decimal | str:
    return text if "e" in text or "E" in text else Decimal(text)


def _decoder() -> json.JSONDecoder:
    return json.JSONDecoder(parse_float=_number, parse_int=Decimal, parse_constant=NotJSON)


def load_json(path: str) -> tuple[Any, str]:
    text = read_text(path)
    if not text.strip():
        raise InputError(path, "is empty")
    try:
        return _decoder().decode(text), text
    except json.JSONDecodeError as exc:
        raise InputError(path, f"line {exc.lineno}: not valid JSON ({exc.msg})") from None
    except RecursionError:
        raise InputError(path, "is nested too deeply to be a data file") from None


def _field(where: str, key: str) -> str:
    """A field's path for a reason, with odd characters escaped."""
    name = json.dumps(key)[1:-1]
    return f"{where}.{name}" if where else name


def unreadable_value(record: Any) -> str | None:
    """Why ``record`` holds a value that is not data (``NaN``, a lone
    surrogate), naming the field; None when every value is sound."""
    stack: list[tuple[str, Any]] = [("", record)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, dict):
            for key, item in reversed(value.items()):
                if _SURROGATE.search(key):
                    return f"field name {_field(where, key)} holds a lone surrogate, not text"
                stack.append((_field(where, key), item))
        elif isinstance(value, list):
            stack.extend((f"{where}[{i}]", item) for i, item in reversed(list(enumerate(value))))
        elif isinstance(value, NotJSON):
            return f"{where or 'the record'}: {value} is not a JSON number"
        elif isinstance(value, str) and _SURROGATE.search(value):
            return f"{where or 'the record'} holds a lone surrogate, not text"
    return None


def raw_json(record: Any) -> str:
    """The record as JSON text for the rejects file; a lone surrogate is
    escaped, as no file can hold it."""
    text = json.dumps(record, default=str, ensure_ascii=False)[:MAX_RAW]
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


_WS = " \t\n\r"


def element_lines(text: str, key: str) -> list[int]:
    """The line each element of the top-level ``key`` array starts on.

    Walks the top-level object with the standard decoder, so a record is
    located even when it has no id to search for.
    """
    decoder = _decoder()
    lines: list[int] = []

    def skip(i: int, expected: str = "") -> int:
        while i < len(text) and text[i] in _WS:
            i += 1
        if expected:
            if text[i:i + 1] != expected:
                raise ValueError(f"expected {expected!r}")
            i += 1
            while i < len(text) and text[i] in _WS:
                i += 1
        return i

    i = skip(0, "{")
    while i < len(text) and text[i] != "}":
        name, i = decoder.raw_decode(text, i)
        i = skip(i, ":")
        if name != key:
            _, i = decoder.raw_decode(text, i)
        else:
            lines.clear()  # a repeated key: the last one wins, as in json.loads
            i = skip(i, "[")
            while text[i] != "]":
                lines.append(text.count("\n", 0, i) + 1)
                _, i = decoder.raw_decode(text, i)
                i = skip(i)
                if text[i] == ",":
                    i = skip(i + 1)
            i += 1
        i = skip(i)
        if text[i:i + 1] == ",":
            i = skip(i + 1)
    return lines


def first(value: Any) -> dict[str, Any]:
    """360Giving and OCDS hold single things in lists; the first, or {}."""
    if isinstance(value, list):
        value = value[0] if value else {}
    return value if isinstance(value, dict) else {}


def text_of(value: Any) -> str:
    """A scalar as one line of text, control characters removed."""
    if value is None or isinstance(value, (dict, list)):
        return ""
    return " ".join(CONTROL.sub(" ", str(value)).split())
