"""Read files we were not the author of, without trusting them.

Data files, archived documents and views files come from contributors. Opening one must never
hang the process (a FIFO blocks `open()` until a writer comes), exhaust its memory (a symlink to
`/dev/zero` reports a size of 0 and never ends), follow a symlink out of the folders we serve
(and echo what it finds there), or raise anything but an `UnsafeFile` (an `OSError`) whose
message names the file and the rule or limit it broke.

    raw = read_bytes(path, limit=5_000_000, roots=[data_dir], what="data file")

Rules, in order: the file's real path (symlinks resolved) lies inside one of `roots`; it opens
(without blocking, so a FIFO cannot hang us; a symlink loop fails here); once open, it is a
regular file (not a FIFO, device, socket or directory); its size is within `limit`; and reading
stops at `limit + 1` bytes, in case it grew after the size was checked.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Iterable

_KINDS = {stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
          stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a directory", stat.S_IFLNK: "a symlink"}
_CHUNK = 1 << 20


class UnsafeFile(OSError):
    """A file we refuse to read, or could not. `reason` is the message without the file name."""

    def __init__(self, path: os.PathLike | str, reason: str, code: int = errno.EPERM):
        super().__init__(code, reason, str(path))
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.filename}: {self.reason}"


def absolute(path: os.PathLike | str) -> Path:
    """`path` made absolute with its folders' symlinks resolved, but not the file's own name:
    a symlink stays the symlink (so it is reported under its own name), and a symlink loop
    raises nothing here (`Path.resolve()` raises RuntimeError on one in Python 3.11)."""
    path = Path(os.path.abspath(path))
    return Path(os.path.realpath(path.parent)) / path.name


def inside(path: os.PathLike | str, roots: Iterable[os.PathLike | str]) -> bool:
    """Whether `path`, every symlink resolved, is one of `roots` or lies under one of them."""
    real = os.path.realpath(path)
    for root in roots:
        top = os.path.realpath(root)
        if real == top or real.startswith(top.rstrip(os.sep) + os.sep):
            return True
    return False


def _size_error(path, size: int | str, limit: int, what: str) -> UnsafeFile:
    return UnsafeFile(path, f"{what} is {size} bytes, over the {limit:,}-byte limit", errno.EFBIG)


def read_bytes(path: os.PathLike | str, limit: int, roots: Iterable[os.PathLike | str] | None = None,
               what: str = "the file") -> bytes:
    """The content of the regular file `path`, at most `limit` bytes. `roots`: the folders the
    file must really be in (None: anywhere, for a file named on the command line). Raises
    UnsafeFile, never blocks."""
    if roots is not None and not inside(path, roots):
        raise UnsafeFile(path, "is a symlink to a file outside the folders the tracker reads: "
                               "copy the file in instead of linking to it")
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise UnsafeFile(path, "is a symlink loop: it points back to itself", errno.ELOOP) from None
        if error.errno == errno.ENXIO:  # a socket, or a FIFO opened for writing
            raise UnsafeFile(path, "is not a regular file", errno.ENXIO) from None
        raise UnsafeFile(path, f"cannot be read: {error.strerror}", error.errno or errno.EIO) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = _KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")
            raise UnsafeFile(path, f"is {kind}, not a regular file: only regular files are read")
        if roots is not None and not inside(f"/proc/self/fd/{fd}" if os.path.exists(f"/proc/self/fd/{fd}") else path, roots):
            raise UnsafeFile(path, "changed into a link to a file outside the folders the tracker reads while being opened")
        if info.st_size > limit:
            raise _size_error(path, f"{info.st_size:,}", limit, what)
        chunks, left = [], limit + 1
        while left > 0:
            try:
                chunk = os.read(fd, min(left, _CHUNK))
            except OSError as error:
                raise UnsafeFile(path, f"cannot be read: {error.strerror}", error.errno or errno.EIO) from None
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:  # it grew after the size was checked
            raise _size_error(path, "more than " + f"{limit:,}", limit, what)
        return data
    finally:
        os.close(fd)
