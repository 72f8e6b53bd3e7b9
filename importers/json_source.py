"""Reading published JSON: exact decimals, clear errors, and line numbers.

Money in JSON must not pass through float, so numbers are read as Decimal.
JSON records have no row numbers, so a record's line is found by searching
the text for its id, which is what a user will look for in an editor.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from importers.csv_table import read_text
from importers.results import InputError

MAX_RAW = 2000


def load_json(path: str) -> tuple[Any, str]:
    text = read_text(path)
    if not text.strip():
        raise InputError(path, "is empty")
    try:
        return json.loads(text, parse_float=Decimal), text
    except json.JSONDecodeError as exc:
        raise InputError(path, f"line {exc.lineno}: not valid JSON ({exc.msg})") from None
    except RecursionError:
        raise InputError(path, "is nested too deeply to be a data file") from None


def raw_json(record: Any) -> str:
    return json.dumps(record, default=str, ensure_ascii=False)[:MAX_RAW]


_WS = " \t\n\r"


def element_lines(text: str, key: str) -> list[int]:
    """The line each element of the top-level ``key`` array starts on.

    Walks the top-level object with the standard decoder, so a record is
    located even when it has no id to search for.
    """
    decoder = json.JSONDecoder()
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
    if value is None or isinstance(value, (dict, list)):
        return ""
    return " ".join(str(value).split())
