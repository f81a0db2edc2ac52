"""Writing output files: whole or not at all, never over a file by accident.

The text goes to a temporary file with an unpredictable name in the target's
folder, then takes the target's name in one step, so a reader never sees half
a file. Without `force`, the last step is a hard link, which fails if the name
was taken meanwhile: two writers never silently overwrite each other. The new
file gets the mode the umask asks for (or the mode of the file it replaces),
and only regular files are ever replaced.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ._errors import S11SchemaError


class WriteError(S11SchemaError, OSError):
    """The output cannot be written where it was asked for."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _existing_mode(target: Path) -> int | None:
    """The permission bits of the file `target` names, None if there is none yet."""
    try:
        status = os.lstat(target)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise WriteError(f"cannot write {target}: {error.strerror or error}") from None
    if not stat.S_ISREG(status.st_mode):
        kind = "a folder" if stat.S_ISDIR(status.st_mode) else (
            "a symbolic link" if stat.S_ISLNK(status.st_mode) else "not a regular file")
        raise WriteError(f"cannot write {target}: it is {kind}")
    return stat.S_IMODE(status.st_mode)


def write_text(path: str | os.PathLike[str], text: str, *, force: bool = False,
               mode: int | None = None) -> None:
    """Write `text` as UTF-8 to `path`, atomically; WriteError if it cannot be done.

    Characters UTF-8 cannot hold (a lone surrogate from a file name or an
    escaped JSON string) are written as `\\udcxx` rather than failing.
    """
    write_chunks(path, [text], force=force, mode=mode)


def write_chunks(path: str | os.PathLike[str], chunks: Iterable[str | bytes], *,
                 force: bool = False, mode: int | None = None) -> None:
    """Write text (as `write_text` does) or bytes to `path` as they are made: a table too
    large to hold is never held, and the file still appears whole or not at all. `mode`
    is the file's, where it must be other than the module's description says (a cache
    file the user alone reads)."""
    target = Path(path)
    existing = _existing_mode(target)
    if existing is not None and not force:
        raise WriteError(f"{target} exists; use --force to overwrite it")
    if mode is None:
        mode = existing if existing is not None else 0o666 & ~_umask()
    try:
        descriptor, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name[:100]}.",
                                            suffix=".tmp")
    except OSError as error:
        raise WriteError(f"cannot write {target}: {error.strerror or error}") from None
    temporary = Path(name)
    try:
        with open(descriptor, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk if isinstance(chunk, bytes)
                             else chunk.encode("utf-8", errors="backslashreplace"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        _move(temporary, target, force=force)
    except OSError as error:
        if isinstance(error, WriteError):
            raise
        raise WriteError(f"cannot write {target}: {error.strerror or error}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def write_bytes(path: str | os.PathLike[str], data: bytes, *, force: bool = False) -> None:
    """Write `data` to `path`, atomically; see the module's description."""
    write_chunks(path, [data], force=force)


def _move(temporary: Path, target: Path, *, force: bool) -> None:
    if force:
        _existing_mode(target)  # it may have become something else meanwhile
        os.replace(temporary, target)
        return
    try:
        os.link(temporary, target)  # fails if the name was taken since we looked
    except FileExistsError:
        raise WriteError(f"{target} exists; use --force to overwrite it") from None
    except OSError:  # a file system without hard links: claim the name, then fill it
        try:
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            raise WriteError(f"{target} exists; use --force to overwrite it") from None
        os.replace(temporary, target)
