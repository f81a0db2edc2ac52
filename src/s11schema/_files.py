"""Opening and reading files safely: real files only, under a size limit, as UTF-8.

Every file s11schema reads starts here. Named pipes, sockets and devices are
refused before they are opened (`/dev/zero` would never end, a pipe would wait
for a writer forever); sizes are checked before reading; bytes that are not
UTF-8 are located to the line and column.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, NoReturn

from ._errors import S11SchemaError, UnreadableError
from ._findings import Code, Collector, code
from ._position import Mark

_E = "error"
FILE_UNREADABLE = code("file-unreadable", _E, "any file",
                       "The file does not exist, is not a regular file, or cannot be read.",
                       "audit.json: error file-unreadable: no such file or folder")
FILE_TOO_LARGE = code("file-too-large", _E, "any file", "The file is larger than the size limit.",
                      "audit.json: error file-too-large: 61.2 MB is over the 5.2 MB limit")
FILE_ENCODING = code("file-encoding", _E, "any file", "The file is not UTF-8 text.",
                     "audit.json:3:14: error file-encoding: invalid UTF-8 byte 0xe9")
FILE_EMPTY = code("file-empty", _E, "any file", "The file is empty.",
                  "audit.json: error file-empty: the file is empty")
FILE_TOO_DEEP = code("file-too-deep", _E, "any file", "Lists and mappings are nested too deeply.",
                     "audit.json: error file-too-deep: arrays and objects are nested too deeply")
CODES: tuple[Code, ...] = (FILE_UNREADABLE, FILE_TOO_LARGE, FILE_ENCODING, FILE_EMPTY,
                           FILE_TOO_DEEP)

#: Default size limits, checked before parsing; S11SCHEMA_MAX_BYTES or `--max-bytes` change them.
MAX_AUDIT_BYTES = 5 * 1024 * 1024
MAX_YAML_BYTES = 2 * 1024 * 1024
#: No limit may be set above this: s11schema reads a file whole, into memory.
HIGHEST_LIMIT = 1024 * 1024 * 1024
ENV_MAX_BYTES = "S11SCHEMA_MAX_BYTES"


class SettingError(S11SchemaError, ValueError):
    """A setting (an option or an environment variable) has a value that cannot be used."""


def byte_limit(text: str, *, setting: str) -> int:
    """A size limit written as ASCII digits, from 1 byte to HIGHEST_LIMIT."""
    value = text.strip()
    if not (value.isascii() and value.isdigit()) or not 0 < int(value) <= HIGHEST_LIMIT:
        raise SettingError(f"{setting}={value[:30]!r} is not a size in bytes "
                           f"(write a whole number from 1 to {HIGHEST_LIMIT})")
    return int(value)


def size_limit(default: int, given: int | None = None) -> int:
    """The size limit in force: `given`, else S11SCHEMA_MAX_BYTES if set, else `default`."""
    if given is not None:
        if not 0 < given <= HIGHEST_LIMIT:
            raise SettingError(f"max_bytes={given} is not from 1 to {HIGHEST_LIMIT}")
        return given
    value = os.environ.get(ENV_MAX_BYTES, "")
    return byte_limit(value, setting=ENV_MAX_BYTES) if value.strip() else default


def fail(file: str, what: Code, message: str, mark: Mark | None = None,
         hint: str | None = None) -> NoReturn:
    """Raise UnreadableError with one finding."""
    sink = Collector(file)
    sink.add(what, message, hint=hint, line=mark.line if mark else None,
             column=mark.column if mark else None)
    raise UnreadableError(sink.findings)


def _refuse_special(name: str) -> None:
    try:
        mode = os.stat(name).st_mode
    except ValueError:  # a NUL character in the name
        fail(name, FILE_UNREADABLE, "the file name holds a NUL character")
    except OSError as error:
        fail(name, FILE_UNREADABLE, f"cannot be read: {error.strerror or error}")
    if stat.S_ISDIR(mode):
        fail(name, FILE_UNREADABLE, "is a folder, not a file")
    if not stat.S_ISREG(mode):
        kind = ("a named pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
                else "a device")
        fail(name, FILE_UNREADABLE, f"is {kind}, not a file",
             hint="save what it holds to a file and check that")


@contextlib.contextmanager
def open_file(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """Open a regular file for reading; anything else is UnreadableError."""
    name = os.fspath(path)
    _refuse_special(name)
    try:
        handle = open(name, "rb")  # noqa: SIM115 - closed below, after the caller's block
    except OSError as error:
        fail(name, FILE_UNREADABLE, f"cannot be read: {error.strerror or error}")
    with handle:
        try:
            yield handle
        except OSError as error:
            fail(name, FILE_UNREADABLE, f"cannot be read: {error.strerror or error}")


def read_bytes(path: str | os.PathLike[str], *, max_bytes: int) -> bytes:
    """Read a file, refusing it before reading if it is over `max_bytes`."""
    name = os.fspath(path)
    with open_file(name) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > max_bytes:
            fail(name, FILE_TOO_LARGE, f"{megabytes(size)} is over the {megabytes(max_bytes)} "
                 "limit", hint="raise the limit with --max-bytes or S11SCHEMA_MAX_BYTES if "
                 "the file is genuine")
        data = handle.read(max_bytes + 1)  # a file may grow while it is read
    if len(data) > max_bytes:
        fail(name, FILE_TOO_LARGE, f"more than the {megabytes(max_bytes)} limit")
    return data


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size:,} bytes"


def decode(data: bytes, file: str) -> str:
    """UTF-8 text, with a byte-order mark accepted and bad bytes located."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        line_start = data.rfind(b"\n", 0, error.start) + 1
        column = len(data[line_start:error.start].decode("utf-8", "replace")) + 1
        fail(file, FILE_ENCODING, f"invalid UTF-8 byte 0x{data[error.start]:02x}",
             Mark(line, column), hint="save the file as UTF-8")


def files_under(root: Path, suffixes: tuple[str, ...]) -> Iterator[Path]:
    """Files in a folder and its subfolders whose suffix is one of `suffixes` (any case),
    hidden ones left out, in a stable order."""
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in sorted(names):
            if name.lower().endswith(suffixes) and not name.startswith("."):
                yield Path(folder, name)
