"""One reader for tables from CSV, TSV and Excel: one set of encoding rules, one row numbering.

The step-table import, the survey import and the event-log sniff all read their files
here, so a table that one of them accepts reads the same way in the others.

**Encodings** (CSV and TSV): a UTF-8 byte-order mark means UTF-8, a UTF-16 one UTF-16
(Excel's "Unicode text"); otherwise the bytes are read as UTF-8 if they are valid UTF-8,
else as cp932, the Shift_JIS that Excel in Japan writes. Anything else is refused with
the line of the first bad byte; ``encoding=`` overrides the guess.

**Excel** (``.xlsx``, ``.xlsm``) is read through openpyxl in read-only mode, streaming the
sheet's rows, with cached formula values. Before openpyxl opens it, the sizes the zip
declares are checked: an archive that unpacks to more than :data:`MAX_XLSX_UNPACKED`
bytes is refused, whatever its own size (Python's zip reader never unpacks more than a
member declares, so a member that lies about its size only comes out cut short).

**Rows are numbered as a spreadsheet shows them:** the file's first row (the first record
of a CSV, the sheet's row 1) is row 1, blank rows included, and a record whose quoted cell
spans several lines is still one row. With the header on the first row, the first data
row is row 2. Every error names the file and this row.

**Limits:** a file over :data:`MAX_TABLE_BYTES`, a table with a non-empty row past
:data:`MAX_ROWS` or a row with a value past :data:`MAX_COLUMNS` is refused with one line.
Cells come back as text with the ends stripped: a whole number stored as ``5.0`` reads as
``5``, a date as ISO 8601.

**Text** that a table puts into a workshop is checked with :func:`check_text`: control
characters (U+0000–U+001F except tab, line feed and carriage return; U+007F–U+009F) are
refused, naming the file, row and column, never stored: they are invisible in the app
and break the files and tools that read them.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import os
import re
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cocreate.errors import InputError

__all__ = [
    "MAX_COLUMNS",
    "MAX_ROWS",
    "MAX_TABLE_BYTES",
    "MAX_XLSX_UNPACKED",
    "Row",
    "Table",
    "cell_text",
    "check_file",
    "check_text",
    "control_character",
    "decode",
    "read_table",
    "sniff_delimiter",
    "sniff_encoding",
]

#: Table files larger than this are refused.
MAX_TABLE_BYTES = 20 * 1024 * 1024
#: A workbook whose parts unpack to more than this, together, is refused (pictures aside).
MAX_XLSX_UNPACKED = 32 * 1024 * 1024
#: Rows past this one must be empty.
MAX_ROWS = 100_000
#: Cells past this column must be empty.
MAX_COLUMNS = 1_000
#: Zip members in a workbook (a real one has a few dozen).
_MAX_MEMBERS = 10_000

EXCEL_SUFFIXES = (".xlsx", ".xlsm")

Row = tuple[int, tuple[str, ...]]
"""(row number as a spreadsheet shows it, the cells as stripped text)."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_DELIMITERS = (",", "\t", ";")
_HOSTILE = (
    "not read: the workbook's XML declares entities or a DTD, which Excel never writes"
    " (a hostile file?)"
)


@dataclass(frozen=True, slots=True)
class Table:
    """A table as text: its rows with their numbers, and how the file was read."""

    path: Path
    rows: tuple[Row, ...]
    """Every row of the file or sheet, blank ones included, in order."""
    encoding: str
    """``utf-8``, ``utf-8-sig``, ``utf-16``, ``cp932`` (or what was asked), or ``xlsx``."""
    sheet: str = ""
    """The sheet read, for a workbook."""
    delimiter: str = ""
    """The delimiter of a CSV or TSV file."""

    def find_header(self, is_header: Callable[[Sequence[str]], bool], within: int) -> int | None:
        """The index in :attr:`rows` of the first of the first ``within`` rows that
        ``is_header`` accepts, or None."""
        for index, (_, cells) in enumerate(self.rows[:within]):
            if is_header(cells):
                return index
        return None

    def check_ragged(self, header_at: int) -> None:
        """Refuse a CSV row with fewer cells than the header, or a value under no header.

        Either means a delimiter was lost or added (an unquoted comma in a name), which
        would shift the cells into the wrong columns. A workbook's cells stay in their
        columns, so only CSV and TSV rows are checked.
        """
        if self.encoding == "xlsx":
            return
        _, header = self.rows[header_at]
        width = len(header)
        while width and not header[width - 1]:
            width -= 1
        for number, cells in self.rows[header_at + 1 :]:
            if not any(cells):
                continue
            if len(cells) < width:
                raise InputError(
                    self.path,
                    f"the row has {len(cells)} cells but the header has {width}: a"
                    f" delimiter {self.delimiter_name} is missing, or the row was cut short",
                    row=number,
                )
            extra = next((i for i in range(width, len(cells)) if cells[i]), None)
            if extra is not None:
                raise InputError(
                    self.path,
                    f"a value in column {extra + 1}, which has no header: an extra"
                    f" {self.delimiter_name}? (quote a cell that holds one)",
                    row=number,
                )

    @property
    def delimiter_name(self) -> str:
        return {",": "comma", "\t": "tab", ";": "semicolon"}.get(self.delimiter, "delimiter")


# --------------------------------------------------------------------------- checks


def control_character(text: str) -> str | None:
    """The first control character in ``text`` that no table may hold, or None."""
    match = _CONTROL.search(text)
    return match.group() if match else None


def check_text(
    text: str,
    path: str | Path | None,
    *,
    row: int | None = None,
    field: str | None = None,
    line: int | None = None,
) -> str:
    """``text``, or InputError if it holds a control character (see the module docstring)."""
    found = control_character(text)
    if found is not None:
        raise InputError(
            path,
            f"control character U+{ord(found):04X} in {text[:60]!r}; remove it and import again",
            row=row,
            field=field,
            line=line,
        )
    return text


def check_file(path: str | Path, what: str, *, max_bytes: int | None = MAX_TABLE_BYTES) -> Path:
    """``path`` if it is a regular file of at most ``max_bytes`` (None: any size); else
    one-line InputError.

    A FIFO or a device would make a read hang or never end, so anything that is not a
    regular file is refused before it is opened.
    """
    source = Path(path)
    try:
        info = os.stat(source)
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except OSError as exc:
        raise InputError(source, f"cannot read: {(exc.strerror or str(exc)).lower()}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(source, f"is a folder, not {what}")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(source, f"not a regular file (a pipe or a device), not {what}")
    if max_bytes is not None and info.st_size > max_bytes:
        raise InputError(source, f"file is {info.st_size:,} bytes, over the limit of {max_bytes:,}")
    return source


# --------------------------------------------------------------------------- encodings


def _bad_bytes(path: Path, raw: bytes, at: int, message: str) -> InputError:
    line = raw.count(b"\n", 0, at) + 1
    return InputError(path, f"{message} (byte 0x{raw[at]:02x})", line=line)


def sniff_encoding(path: str | Path, head: bytes, *, complete: bool = False) -> str:
    """The encoding of a table whose first bytes are ``head`` (see the module docstring).

    ``complete`` says ``head`` is the whole file; otherwise a character cut off at its
    end is not held against it. Returns a codec name that strips a byte-order mark.
    """
    source = Path(path)
    if head.startswith(codecs.BOM_UTF8):
        try:
            codecs.getincrementaldecoder("utf-8")().decode(head[3:], final=complete)
        except UnicodeDecodeError as exc:
            raise _bad_bytes(
                source, head, exc.start + 3, "starts as UTF-8 but is not UTF-8"
            ) from None
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=complete)
        return "utf-8"
    except UnicodeDecodeError as exc:
        utf8_stop = exc.start
    try:
        codecs.getincrementaldecoder("cp932")().decode(head, final=complete)
        return "cp932"
    except UnicodeDecodeError as exc:
        # Name the byte where the encoding that read further stopped: it is the likelier.
        raise _bad_bytes(
            source,
            head,
            max(utf8_stop, exc.start),
            "neither UTF-8 nor cp932 (Shift_JIS); save it as CSV UTF-8, or give --encoding",
        ) from None


def decode(path: str | Path, raw: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The text of a whole table file and the encoding it was read in."""
    source = Path(path)
    used = encoding or sniff_encoding(source, raw, complete=True)
    try:
        text = raw.decode(used)
    except LookupError:
        raise InputError(None, f"unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as exc:
        raise _bad_bytes(source, raw, exc.start, f"not {used}") from None
    return text.removeprefix("\ufeff"), used


def sniff_delimiter(sample: str) -> str:
    """Comma, tab or semicolon: whichever the sample holds most of (a comma on a tie)."""
    return max(_DELIMITERS, key=sample.count)


# --------------------------------------------------------------------------- reading


def read_table(
    path: str | Path,
    *,
    sheet: str | None = None,
    encoding: str | None = None,
    what: str = "a table",
    max_rows: int | None = None,
    prefer_sheet: str | None = None,
) -> Table:
    """Read a CSV, TSV or Excel table (see the module docstring for the rules).

    ``sheet`` names a workbook's sheet (default: ``prefer_sheet`` if the workbook has
    it, else the first); ``encoding`` a CSV's encoding (default: guessed); ``what`` is
    how errors name the file's purpose; ``max_rows`` defaults to :data:`MAX_ROWS`.

    Raises
    ------
    InputError
        One line, naming the file (and row) for anything unreadable or over a limit.
    """
    source = check_file(path, what, max_bytes=MAX_TABLE_BYTES)
    rows = MAX_ROWS if max_rows is None else max_rows
    suffix = source.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        return _read_xlsx(source, sheet, rows, prefer_sheet)
    if suffix in (".xls", ".ods", ".numbers"):
        raise InputError(source, f"{suffix} files are not read; save it as .xlsx or CSV UTF-8")
    return _read_csv(source, encoding, rows)


def _read_csv(source: Path, encoding: str | None, max_rows: int) -> Table:
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise InputError(source, f"cannot read: {(exc.strerror or str(exc)).lower()}") from None
    text, used = decode(source, raw, encoding)
    delimiter = sniff_delimiter(text[:8192])
    # strict: a quote that is never closed is an error, not the rest of the file in one cell
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[Row] = []
    number = 0
    try:
        for record in reader:
            number += 1
            cells = tuple(cell.strip() for cell in record)
            _check_limits(source, number, cells, max_rows)
            if number <= max_rows:
                rows.append((number, cells))
    except csv.Error as exc:
        hint = ' (a quote " that is never closed?)' if "end of data" in str(exc) else ""
        raise InputError(source, f"CSV syntax error: {exc}{hint}", row=number + 1) from None
    return Table(source, tuple(rows), used, delimiter=delimiter)


def _check_limits(source: Path, number: int, cells: Sequence[str], max_rows: int) -> None:
    if len(cells) > MAX_COLUMNS and any(cells[MAX_COLUMNS:]):
        raise InputError(
            source, f"a value past column {MAX_COLUMNS:,}: too wide for a table here", row=number
        )
    if number > max_rows and any(cells):
        raise InputError(
            source,
            f"more than {max_rows:,} rows: too long for a table here; split it, or delete"
            " the rows below the table",
            row=number,
        )


def cell_text(value: Any) -> str:
    """A cell's value as the text a CSV of it would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def _unpacked_size(source: Path) -> None:
    """Refuse a workbook whose parts would unpack to more than the limit, before reading.

    Pictures (``xl/media/``) are left out: the read-only reader never unpacks them. The
    limit also bounds the time openpyxl takes, which parses a sheet without a
    ``<dimension>`` twice.
    """
    import zipfile

    try:
        with zipfile.ZipFile(source) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise InputError(
            source, "not a readable Excel workbook (.xlsx): not a zip archive"
        ) from None
    if len(members) > _MAX_MEMBERS:
        raise InputError(source, f"not an Excel workbook: the archive holds {len(members):,} files")
    unpacked = sum(m.file_size for m in members if not m.filename.startswith("xl/media/"))
    if unpacked > MAX_XLSX_UNPACKED:
        raise InputError(
            source,
            f"the workbook unpacks to {unpacked:,} bytes, over the limit of"
            f" {MAX_XLSX_UNPACKED:,}; keep only the table in it, or save it as CSV UTF-8",
        )


def _read_xlsx(source: Path, sheet: str | None, max_rows: int, prefer: str | None) -> Table:
    import zipfile
    import zlib

    _unpacked_size(source)
    from defusedxml import DefusedXmlException
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    # openpyxl raises whatever its parsers meet in a damaged or hostile file (defusedxml
    # refuses entities with a ValueError); each is one line for the user.
    unreadable = (
        InvalidFileException,
        zipfile.BadZipFile,
        zlib.error,
        KeyError,
        IndexError,
        TypeError,
        ValueError,
        AttributeError,
        SyntaxError,
        EOFError,
        OSError,
    )

    def hostile(exc: BaseException | None) -> bool:
        # openpyxl re-raises what its parser met as a ValueError "from" it.
        while exc is not None:
            if isinstance(exc, DefusedXmlException):
                return True
            exc = exc.__cause__ or exc.__context__
        return False

    try:
        book = load_workbook(source, read_only=True, data_only=True)
    except unreadable as exc:
        if hostile(exc):
            raise InputError(source, _HOSTILE) from None
        raise InputError(
            source, f"not a readable Excel workbook (.xlsx): {type(exc).__name__}"
        ) from None
    try:
        # A read-only worksheet or a chartsheet, told apart by ``iter_rows`` below.
        ws: Any
        if sheet is not None:
            if sheet not in book.sheetnames:
                raise InputError(
                    source, f"no sheet {sheet!r}; the sheets are: {', '.join(book.sheetnames)}"
                )
            ws = book[sheet]
        elif prefer is not None and prefer in book.sheetnames:
            ws = book[prefer]
        else:
            ws = book.worksheets[0]
        if not hasattr(ws, "iter_rows"):
            raise InputError(source, f"sheet {ws.title!r} is a chart, not a table")
        # The declared dimension may be A1:XFD1048576; read what the sheet holds instead.
        ws.reset_dimensions()
        rows: list[Row] = []
        try:
            for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
                cells = tuple(cell_text(v) for v in values)
                _check_limits(source, number, cells, max_rows)
                if number <= max_rows:
                    rows.append((number, cells[:MAX_COLUMNS]))
        except unreadable as exc:
            if hostile(exc):
                raise InputError(source, _HOSTILE) from None
            raise InputError(
                source,
                f"not a readable Excel workbook (.xlsx): {type(exc).__name__} in sheet"
                f" {ws.title!r}",
                row=len(rows) + 1,
            ) from None
        title = ws.title
    finally:
        book.close()
    return Table(source, tuple(rows), "xlsx", sheet=title)
