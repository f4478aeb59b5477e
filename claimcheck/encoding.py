"""Bytes -> text: encoding detection, binary detection and newline normalisation.

Articles arrive as whatever a browser, a CMS export or a Windows editor
saved. The order of trust is: a byte-order mark, then strict UTF-8, then
charset-normalizer, with cp1252 (the superset of latin-1 that Western
newsrooms actually write) preferred whenever it reads the bytes as cleanly as
the detector's best guess. On short Western text the detector's first guess
is often an exotic code page that happens to decode the same bytes (cp1006
reads "Zürich" as Persian), so the tie goes to cp1252.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from claimcheck.errors import InputError

# Longest BOM first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Share of control characters above which a file is data, not prose.
MAX_CONTROL_SHARE = 0.30

# Control characters that never occur in text; tab, newline, CR and form feed do.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

_BINARY = "binary file, not text"


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    return bool(text) and len(_CONTROL.findall(text)) / len(text) > MAX_CONTROL_SHARE


def _detect(data: bytes, *, path: str) -> str:
    """Decode bytes that are neither BOM-marked nor UTF-8."""
    try:
        cp1252: str | None = data.decode("cp1252")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; a file that uses them is not cp1252.
        cp1252 = None

    best = from_bytes(data).best()
    if cp1252 is not None:
        # Score cp1252 with the detector's own measure so the two are comparable.
        ours = from_bytes(data, cp_isolation=["cp1252"]).best()
        if ours is not None and (best is None or ours.chaos <= best.chaos):
            return cp1252
    if best is not None:
        return str(best)
    if cp1252 is not None and not _looks_binary(cp1252):
        return cp1252
    raise InputError("cannot decode: not UTF-8, UTF-16 or any known single-byte encoding", path=path)


def decode(data: bytes, *, path: str) -> str:
    """Return the text of ``data``, detecting its encoding; the BOM is not part of the text.

    Raises ``InputError`` for bytes that are not text ("binary file, not
    text") or that no encoding reads ("cannot decode: ...").
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise InputError(
                    f"cannot decode: invalid {encoding.upper()} after its byte-order mark", path=path
                ) from None
            if _looks_binary(text):
                raise InputError(_BINARY, path=path)
            return text

    # Without a BOM a NUL byte means binary data: only UTF-16/32 text has NULs.
    if b"\x00" in data:
        raise InputError(_BINARY, path=path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _detect(data, path=path)
    if _looks_binary(text):
        raise InputError(_BINARY, path=path)
    return text


def normalize_text(text: str) -> str:
    """The canonical form of article text, which evidence offsets index into.

    Newlines become "\\n", a leading BOM goes, trailing whitespace on each line
    goes, three or more newlines become two, and leading and trailing blank
    lines go. Quote characters and inner spacing are left exactly as written.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")
