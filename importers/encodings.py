"""Which text encoding a published file is in, and its text.

Councils publish in UTF-8 (often with a byte order mark from Excel's "CSV
UTF-8"), in Windows-1252 (Excel's plain "CSV"), and now and then in UTF-16
(Excel's "Unicode text", with a byte order mark). The cheap, exact paths
come first, so a 100 MB spend file never waits for detection:

1. a byte order mark says the encoding outright (UTF-8, UTF-16, UTF-32);
2. text without NUL bytes that is valid UTF-8 is UTF-8;
3. text without NUL bytes that is valid Windows-1252 is Windows-1252
   (nearly any bytes are, so this is the fallback that always was);
4. only then does charset-normalizer, the Python ecosystem's detector,
   look at a sample: UTF-16 without a byte order mark, or a single-byte
   code page other than Windows-1252. Its answer must decode the whole
   file, and the text must hold no NUL character.

A file none of these reads is refused with its name: never a guess past
that, since a misread file would put other names in the books.
"""

from __future__ import annotations

import codecs

from importers.results import InputError

# charset-normalizer reads a sample; its answer is then checked on every byte.
DETECT_SAMPLE = 256 * 1024  # a multiple of 4: a UTF-16/32 sample never ends mid-unit

_BOMS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
NOT_TEXT = "contains NUL characters: not a text file"


def _decoded(raw: bytes, encoding: str, final: bool) -> str:
    """``raw`` in ``encoding``; with ``final`` False (the first part of a
    file) a character cut at the end is left out rather than an error."""
    return codecs.getincrementaldecoder(encoding)().decode(raw, final=final)


def detect(raw: bytes) -> str | None:
    """charset-normalizer's encoding for a sample of ``raw``, or None."""
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:DETECT_SAMPLE]).best()
    return best.encoding if best is not None else None


def decode_text(raw: bytes, path: str, final: bool = True) -> str:
    """The text of a file's bytes (see the module docstring for the order
    tried); an InputError naming ``path`` when no encoding reads it.

    ``final`` False means ``raw`` is only the start of the file.
    """
    for bom, encoding, name in _BOMS:
        if raw.startswith(bom):
            try:
                text = _decoded(raw, encoding, final)
            except UnicodeDecodeError as exc:
                raise InputError(path, f"starts with a {name} byte order mark but is not "
                                       f"{name} text (byte {exc.start})") from None
            if "\x00" in text:
                raise InputError(path, NOT_TEXT)
            return text
    if b"\x00" not in raw:
        try:
            return _decoded(raw, "utf-8", final)
        except UnicodeDecodeError:
            pass
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return _detected(raw, path, final)


def _detected(raw: bytes, path: str, final: bool) -> str:
    encoding = detect(raw)
    if encoding is None:
        if b"\x00" in raw:
            raise InputError(path, f"{NOT_TEXT} (nor UTF-16 or UTF-32 text)")
        raise InputError(path, "its text encoding cannot be determined (it is not UTF-8, "
                               "UTF-16 or Windows-1252): save it as CSV UTF-8")
    try:
        text = _decoded(raw, encoding, final)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"its text encoding cannot be determined ({encoding} fits its "
                               f"start but not byte {exc.start}): save it as CSV UTF-8") from None
    if "\x00" in text:
        raise InputError(path, NOT_TEXT)
    return text
