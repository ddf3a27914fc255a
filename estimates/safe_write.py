"""Write files without losing any: the one way `export`, `schema`, `archive` and `changes` write.

    folder = Folder(out, force=args.force, manifest=True)
    folder.write("records.csv", data)

The rules, for every file:

- a name is relative, made of parts that are neither empty, `.` nor `..`, and the file lands
  inside the folder it was given: no symlinked folder is followed on the way, and a file that
  is a symlink is never written through (it could point anywhere);
- a folder is never replaced by a file, nor a file by a folder;
- an existing file is left as it is when it already holds the bytes to write; otherwise it is
  replaced only if this writer made it (`manifest`: the folder's `.nk-troops-written.json`
  records the checksum of each file written, and the file still has it), if `replaceable(old)`
  recognises it as generated (the schema files), or with `force` (the command's `--force`);
  else `UnsafeWrite` says what to do, and nothing is written;
- a file is written beside its name and renamed into place, so no reader sees half a file and
  a failure leaves the old one whole; a new file is linked into place, never over a file that
  appeared meanwhile;
- nothing is deleted but a file this writer created itself (`remove`).
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import secrets
import stat
from pathlib import Path
from typing import Callable

from .safe_files import inside, read_bytes

MANIFEST = ".nk-troops-written.json"
_MAX_COMPARED = 50_000_000  # a file larger than this is never read back to compare it


class UnsafeWrite(OSError):
    """A file we refuse to write. `reason` is the message without the file name."""

    def __init__(self, path: os.PathLike | str, reason: str, code: int = errno.EEXIST):
        super().__init__(code, reason, str(path))
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.filename}: {self.reason}"


def failure(error: OSError, target: os.PathLike | str) -> str:
    """The one line a command prints when writing `target` failed: the writer's refusal (which
    names its file and what to do), or the system's reason."""
    if isinstance(error, UnsafeWrite):
        return f"error: cannot write {error}"
    return f"error: cannot write {target}: {error.strerror or error}"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Folder:
    """A folder to write into. `force`: replace files this writer did not make. `manifest`:
    remember what was written, so a later run may replace its own files (and only those)."""

    def __init__(self, root: os.PathLike | str, force: bool = False, manifest: bool = False,
                 manifest_name: str = MANIFEST):
        root = Path(root)
        try:
            root.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            raise UnsafeWrite(root, "is a file, not a folder: give a folder to write into", errno.ENOTDIR) from None
        except OSError as error:
            raise UnsafeWrite(root, f"cannot be created: {error.strerror}", error.errno or errno.EIO) from None
        self.given = root
        self.root = Path(os.path.realpath(root))
        self.force, self.manifest, self.manifest_name = force, manifest, manifest_name
        self.created: set[Path] = set()
        self.made: dict[str, str] = self._read_manifest() if manifest else {}

    # --- where a name lands -------------------------------------------------------------

    def path(self, name: str) -> Path:
        """Where `name` (parts separated by `/`) lands, or UnsafeWrite if it would leave the folder."""
        parts = name.split("/")
        if name.startswith("/") or any(part in ("", ".", "..") for part in parts) or "\0" in name:
            raise UnsafeWrite(self.given / name, "is not a plain relative name (an empty, `.` or `..` part, or an "
                              "absolute path): it could lead out of the folder, so nothing was written", errno.EPERM)
        return self.root.joinpath(*parts)

    def _folders_for(self, path: Path, create: bool = True) -> None:
        """Create the folders between the root and `path`, refusing symlinks and files on the way
        (`create=False`: only check those that exist)."""
        folder = self.root
        for part in path.relative_to(self.root).parts[:-1]:
            folder = folder / part
            try:
                info = os.lstat(folder)
            except FileNotFoundError:
                if not create:
                    return
                os.mkdir(folder)
                continue
            if stat.S_ISLNK(info.st_mode):
                raise UnsafeWrite(folder, "is a symlink: files are never written through one (it could lead out "
                                  "of the folder); remove it or write elsewhere", errno.ELOOP)
            if not stat.S_ISDIR(info.st_mode):
                raise UnsafeWrite(folder, f"is a file where a folder should be (to hold {path.name}): "
                                  "nothing was written there", errno.ENOTDIR)
        if not inside(path.parent, [self.root]):  # cannot happen after the checks above; kept as the rule itself
            raise UnsafeWrite(path, "lies outside the folder it was given", errno.EPERM)

    def mkdir(self, name: str) -> Path:
        """Create the folder `name` (and those above it) inside the root, by the same rules."""
        path = self.path(name)
        try:
            self._folders_for(path / "_")
        except UnsafeWrite:
            raise
        except OSError as error:
            raise UnsafeWrite(path, f"cannot be created: {error.strerror}", error.errno or errno.EIO) from None
        return path

    # --- writing ------------------------------------------------------------------------

    def check(self, name: str, data: bytes, replaceable: Callable[[bytes], bool] | None = None,
              new_only: bool = False) -> os.stat_result | None:
        """Raise UnsafeWrite if `write` would refuse `name`; the existing file's status, if any."""
        path = self.path(name)
        self._folders_for(path, create=False)
        try:
            info = os.lstat(path)
        except (FileNotFoundError, NotADirectoryError):
            return None
        if new_only:
            raise UnsafeWrite(path, "already exists: it is never overwritten")
        self._check_replace(name, path, info, data, replaceable)
        return info

    def write(self, name: str, data: bytes, replaceable: Callable[[bytes], bool] | None = None,
              new_only: bool = False) -> Path:
        """Write `data` as `name`. `new_only`: never replace a file, even with `force`."""
        path = self.path(name)
        try:
            self._folders_for(path)
            info = self.check(name, data, replaceable, new_only)
            if info is not None and info.st_size == len(data) and self._read(path, info) == data:
                self._remember(name, data)
                return path  # already holds these bytes: left untouched
            self._put(path, data, exclusive=info is None)
        except UnsafeWrite:
            raise
        except OSError as error:
            raise UnsafeWrite(path, f"cannot be written: {error.strerror or error}", error.errno or errno.EIO) from None
        if info is None:
            self.created.add(path)
        self._remember(name, data)
        return path

    def write_all(self, files: dict[str, bytes]) -> list[Path]:
        """Write every file, each checked before any is written; the manifest is saved once."""
        for name, data in files.items():
            self.check(name, data)
        saving, self.manifest = self.manifest, False
        written = []
        try:
            for name, data in files.items():
                written.append(self.write(name, data))
                if saving and name != self.manifest_name:
                    self.made[name] = _digest(data)
        finally:
            self.manifest = saving
            self._save_manifest()
        return written

    def _check_replace(self, name: str, path: Path, info: os.stat_result, data: bytes,
                       replaceable: Callable[[bytes], bool] | None) -> None:
        if stat.S_ISLNK(info.st_mode):
            raise UnsafeWrite(path, "is a symlink: files are never written through one (it could point anywhere); "
                              "remove it, or write into another folder", errno.ELOOP)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeWrite(path, "exists and is not a regular file (a folder, a FIFO or a device): "
                              "it is never replaced; write into another folder", errno.EISDIR)
        if self.force:
            return
        if info.st_size == len(data) and self._read(path, info) == data:
            return
        if name in self.made and _digest(self._read(path, info)) == self.made[name]:
            return  # written here before, and unchanged since
        if replaceable is not None and replaceable(self._read(path, info)):
            return
        raise UnsafeWrite(path, "already exists and was not written by this command (or was changed since): "
                          "nothing was written; write into a new or empty folder, or pass --force to replace it")

    @staticmethod
    def _read(path: Path, info: os.stat_result) -> bytes:
        if info.st_size > _MAX_COMPARED:
            return b""
        return read_bytes(path, _MAX_COMPARED)

    def _put(self, path: Path, data: bytes, exclusive: bool) -> None:
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(temporary, flags, 0o644)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            if exclusive:
                try:
                    os.link(temporary, path)  # fails if a file appeared meanwhile: never over it
                except FileExistsError:
                    raise UnsafeWrite(path, "appeared while it was being written: it was left as it is") from None
            else:
                os.replace(temporary, path)
        finally:
            if os.path.lexists(temporary):
                os.unlink(temporary)

    def remove(self, path: Path) -> None:
        """Delete a file this writer created (undo a half-done job); any other file raises."""
        if path not in self.created:
            raise UnsafeWrite(path, "was not created by this command: it is never deleted", errno.EPERM)
        os.unlink(path)
        self.created.discard(path)

    def discard(self, name: str) -> bool:
        """Delete `name` if the manifest records it and it still holds what was written there
        (a file of an earlier run that this run no longer makes); True if it was deleted. A file
        changed since is kept, and forgotten: it is no longer ours."""
        if name not in self.made:
            return False
        path = self.path(name)
        try:
            self._folders_for(path, create=False)
            info = os.lstat(path)
        except (OSError, UnsafeWrite):
            info = None
        ours = info is not None and stat.S_ISREG(info.st_mode) and _digest(self._read(path, info)) == self.made[name]
        if ours:
            os.unlink(path)
        del self.made[name]
        self._save_manifest()
        return ours

    # --- the manifest -------------------------------------------------------------------

    def _read_manifest(self) -> dict[str, str]:
        path = self.root / self.manifest_name
        if not os.path.lexists(path):
            return {}
        try:
            found = json.loads(read_bytes(path, 1_000_000, [self.root]))
            files = found["files"] if found.get("written_by") == "nk-troops" else None
        except (OSError, ValueError, AttributeError, KeyError, TypeError):
            files = None
        if not isinstance(files, dict) or not all(isinstance(v, str) for v in files.values()):
            if self.force:
                return {}
            raise UnsafeWrite(path, "is not a list of files this command wrote: it is never replaced; "
                              "write into another folder, or pass --force")
        return files

    def _remember(self, name: str, data: bytes) -> None:
        if not self.manifest or name == self.manifest_name or self.made.get(name) == _digest(data):
            return
        self.made[name] = _digest(data)
        self._save_manifest()

    def _save_manifest(self) -> None:
        if not self.manifest:
            return
        text = json.dumps({"written_by": "nk-troops", "files": dict(sorted(self.made.items()))}, indent=1) + "\n"
        self.write(self.manifest_name, text.encode(), replaceable=lambda old: True)  # checked as ours when read
