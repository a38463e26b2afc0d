"""Reading a BPMN file's XML safely: size, hostile XML, encoding, the root element.

Files are parsed with defusedxml and any DTD is refused, which shuts out entity
expansion ("billion laughs"), external entities and remote DTDs. White space before
the XML declaration is skipped, as bpmn.io skips it. A file that declares UTF-8 (or
nothing, which means UTF-8) but holds other bytes is refused as the encoding problem it
is, naming the first byte that is not UTF-8.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree.ElementTree import Element

from cocreate.errors import InputError
from cocreate.process.bpmn.vocab import BPMN_NS, local, namespace

__all__ = ["MAX_BPMN_BYTES", "parse_bpmn"]

#: BPMN files larger than this are refused rather than parsed.
MAX_BPMN_BYTES = 32 * 1024 * 1024

_BOM = b"\xef\xbb\xbf"
_DECLARED = re.compile(rb"^<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._\-]+)[\"']")


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    if path.is_dir():
        raise InputError(path, "is a folder, not a BPMN file")
    if size > MAX_BPMN_BYTES:
        raise InputError(path, f"file is {size:,} bytes, over the limit of {MAX_BPMN_BYTES:,}")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None


def _skip_leading_space(data: bytes) -> tuple[bytes, int]:
    """The document without white space before ``<?xml``, and the lines skipped."""
    bom = data.startswith(_BOM)
    body = data[len(_BOM) :] if bom else data
    stripped = body.lstrip(b" \t\r\n")
    if stripped is body or not stripped.startswith(b"<?xml"):
        return data, 0
    skipped = body[: len(body) - len(stripped)]
    lines = skipped.count(b"\n") + (skipped.count(b"\r") if b"\n" not in skipped else 0)
    return (_BOM if bom else b"") + stripped, lines


def _encoding_problem(path: Path, data: bytes, shift: int) -> InputError | None:
    """The error for a file that says (or implies) UTF-8 but is not, else None."""
    head = data[len(_BOM) :] if data.startswith(_BOM) else data
    declared = _DECLARED.match(head)
    name = declared[1].decode("ascii").lower() if declared else "utf-8"
    if name not in ("utf-8", "utf8"):
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
        line = data.count(b"\n", 0, start) + 1 + shift
        column = start - (data.rfind(b"\n", 0, start) + 1) + 1
        byte = data[start]
        said = 'declares encoding="UTF-8"' if declared else "has no encoding, so is UTF-8"
        return InputError(
            path,
            f"encoding problem: byte 0x{byte:02X} ({bytes([byte]).decode('latin-1')!r} in"
            f" Latin-1) is not UTF-8, though the file {said}; it was probably saved as"
            " Latin-1 or Windows-1252: convert it to UTF-8 and import it again",
            line=line,
            column=column,
        )
    return None


def parse_bpmn(path: Path) -> Element:
    """The root ``<definitions>`` element of a BPMN 2.0 file.

    Raises
    ------
    InputError
        For a missing, too large or unreadable file, XML that is not well-formed, has a
        DTD or entities, is not in its declared encoding, or is not BPMN 2.0.
    """
    from xml.etree.ElementTree import ParseError

    import defusedxml
    import defusedxml.ElementTree as DET

    data, shift = _skip_leading_space(_read(path))
    try:
        root = DET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except defusedxml.DTDForbidden:
        raise InputError(
            path,
            "refused: the file has a DTD (<!DOCTYPE>), which BPMN never"
            " needs and which can expand entities or fetch remote files",
        ) from None
    except defusedxml.EntitiesForbidden:
        raise InputError(path, "refused: the file declares XML entities") from None
    except defusedxml.ExternalReferenceForbidden:
        raise InputError(path, "refused: the file refers to an external resource") from None
    except defusedxml.DefusedXmlException as exc:
        raise InputError(path, f"refused: {exc}") from None
    except ParseError as exc:
        problem = _encoding_problem(path, data, shift)
        if problem is not None:
            raise problem from None
        line, column = getattr(exc, "position", (None, None))
        message = str(exc).split(":", 1)[0]
        raise InputError(
            path,
            f"not well-formed XML: {message}",
            line=None if line is None else line + shift,
            column=None if column is None else column + 1,
        ) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read: {exc}") from None
    if local(root.tag) != "definitions" or namespace(root.tag) != BPMN_NS:
        raise InputError(
            path, f"not a BPMN 2.0 file: the root element is not <definitions> in {BPMN_NS}", line=1
        )
    return root
