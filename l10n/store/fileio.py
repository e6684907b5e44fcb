"""Reading articles the way a newsroom saves them, and writing files safely.

Reading: UTF-8 with or without a BOM, CP949 (a superset of EUC-KR) as the fallback
for legacy Korean files, CRLF or LF, always normalised to NFC so that text from
macOS (NFD Hangul) matches everywhere else. Writing: atomic (temporary file in the
same folder, fsync, rename) and only when the bytes change, so re-running a command
is a no-op on disk and git sees only real changes.
"""

from __future__ import annotations

import errno
import itertools
import os
import re
import stat
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, NamedTuple

from l10n.errors import L10nError

BOM = "\ufeff"

# Labels people give legacy Korean files; CP949 decodes everything EUC-KR does and
# more (Microsoft's extension), so all of them are read as CP949.
_CP949_ALIASES = {"euc-kr", "euckr", "euc_kr", "cp949", "uhc", "ks_c_5601-1987", "ksc5601"}


class SourceText(NamedTuple):
    """An article's text as the library works on it, and how to write it back.

    A named tuple, not a frozen dataclass: made at import, a dataclass costs every
    start-up half a millisecond (each of its methods is compiled from source)."""

    text: str  # NFC, LF line endings, no BOM
    encoding: str  # the codec the bytes were decoded with
    bom: bool
    crlf: bool
    notice: str | None = None  # something the user should be told (legacy encoding)

    def to_bytes(self, text: str) -> bytes:
        """Encode ``text`` the way the source was stored (BOM and line endings kept).

        Output is UTF-8 even for legacy sources: a translation may hold characters
        the legacy code page cannot represent.
        """
        if self.crlf:
            text = text.replace("\n", "\r\n")
        if self.bom:
            text = BOM + text
        return text.encode("utf-8")


def normalise_encoding_name(name: str) -> str:
    """The codec to use for a user-given encoding label (EUC-KR means CP949)."""
    lowered = name.strip().lower()
    if lowered in _CP949_ALIASES:
        return "cp949"
    return lowered


# Characters no article may hold, with why. GNU gettext reads U+0004 as the msgctxt
# separator and refuses it inside any PO string ("context separator <EOT> within string").
_UNFIT = {
    "\x00": (
        "contains a NUL byte; this does not look like a text article",
        "remove the file from the content folder or fix its encoding (UTF-16 is not supported)",
    ),
    "\x04": (
        "contains an EOT control character (U+0004), which no PO catalog can hold",
        "delete the invisible character on that line (it usually comes from a copy and paste)",
    ),
}


def decode_article(data: bytes, path: str, encoding: str | None = None) -> SourceText:
    """Decode an article's bytes; raise L10nError with the line of the first bad byte."""
    notice = None
    if encoding is not None:
        codec = normalise_encoding_name(encoding)
        text = _decode(data, codec, path, hint="check --encoding")
    else:
        codec = "utf-8"
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as utf8_error:
            try:
                text = data.decode("cp949")
            except UnicodeDecodeError:
                raise _decode_error(
                    data,
                    utf8_error,
                    path,
                    "is neither UTF-8 nor CP949 (EUC-KR)",
                    hint="save the file as UTF-8, or name its encoding with --encoding",
                ) from None
            codec = "cp949"
            notice = f"{path}: not UTF-8; read as CP949 (legacy Korean). Built articles are UTF-8."
    bom = text.startswith(BOM)
    if bom:
        text = text[1:]
    for char, (message, hint) in _UNFIT.items():
        if char in text:
            raise L10nError(message, path=path, line=text.count("\n", 0, text.index(char)) + 1, hint=hint)
    crlf = "\r\n" in text
    if crlf:
        text = text.replace("\r\n", "\n")
    text = unicodedata.normalize("NFC", text)
    return SourceText(text=text, encoding=codec, bom=bom, crlf=crlf, notice=notice)


def _decode(data: bytes, codec: str, path: str, hint: str) -> str:
    try:
        return data.decode(codec)
    except LookupError:
        raise L10nError(f"unknown encoding {codec!r}", path=path, hint="use utf-8 or cp949") from None
    except UnicodeDecodeError as error:
        raise _decode_error(data, error, path, f"is not valid {codec}", hint=hint) from None


def _decode_error(data: bytes, error: UnicodeDecodeError, path: str, what: str, hint: str) -> L10nError:
    line = data.count(b"\n", 0, error.start) + 1
    return L10nError(
        f"{what} (byte 0x{data[error.start]:02x} at offset {error.start})",
        path=path,
        line=line,
        hint=hint,
    )


def read_file(path: str | os.PathLike[str]) -> bytes:
    """The bytes of the file at ``path``, as ``Path.read_bytes`` gives them, in fewer
    system calls.

    A buffered ``open()`` asks, before it reads, whether the file is a terminal (an
    ioctl that fails), where it stands (lseek) and how big it is (fstat): more than
    half of its system calls, for the few kilobytes of an article or a catalog, and
    a build reads three such files per article. Reading until a read comes back
    empty is how ``open().read()`` finds the end too. An error names ``path``, as
    ``open()``'s does (reading a folder fails at the read, not the open).
    """
    fd = os.open(path, _READ_FILE)
    try:
        chunks = []
        while chunk := os.read(fd, _READ_CHUNK):
            chunks.append(chunk)
    except OSError as error:
        raise OSError(error.errno, error.strerror, os.fspath(path)) from None
    finally:
        os.close(fd)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


# O_BINARY matters on Windows only, O_CLOEXEC everywhere else.
_READ_FILE = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
# Large enough for nearly every article and catalog in one read, small enough to be
# taken from the heap rather than mapped and unmapped for each read.
_READ_CHUNK = 1 << 16


def read_article(path: Path, display: str, encoding: str | None = None) -> SourceText:
    """Read and decode an article file; ``display`` is the path shown in messages."""
    try:
        data = read_file(path)
    except OSError as error:
        raise L10nError(f"cannot read: {error.strerror}", path=display) from None
    return decode_article(data, display, encoding)


def write_if_changed(path: Path, data: bytes) -> bool:
    """Atomically replace ``path`` with ``data`` unless it already holds exactly that.

    Returns True when the file was written. The temporary file lives in the target's
    folder so the final rename never crosses file systems; it is fsynced first so a
    crash leaves either the old file or the new one, never half of either.
    """
    with Staging() as staging:
        return staging.stage(path, data)


def write_temp(path: Path, data: bytes, *, new: bool = False) -> str | None:
    """Write ``data`` to a new hidden temporary file beside ``path``; None if unchanged.

    The first half of an atomic replace, usable from a worker process: whoever
    holds the Staging renames it into place (``Staging.adopt``) or deletes it. A new
    file gets the permissions any new file gets (0666 less the umask); a replaced
    one keeps its own. ``new``: the caller has just found that ``path`` does not
    exist (a catalog extract creates), so it is not looked at again; should it
    appear meanwhile, the rename replaces it, as it would one that appeared
    between this look and the rename.
    """
    info: os.stat_result | None = None
    if not new:
        try:
            info = os.stat(path)
        except FileNotFoundError:
            pass
    if info is not None and info.st_size == len(data) and read_file(path) == data:
        return None
    # Split as a string: ``path.parent`` and ``path.name`` make a Path and parse it.
    folder, name = os.path.split(path)
    while True:
        # Unique without a random name: no other process has this id while we run.
        tmp_name = f"{folder or '.'}/.{name}.{_temp_prefix()}{next(_TEMP_NUMBERS)}.tmp"
        try:
            fd = os.open(tmp_name, _NEW_FILE, 0o666)
            break
        except FileExistsError:
            continue  # left behind by a killed run of a process that had our id
        except OSError as error:
            raise write_error(path, error) from None
    try:
        try:
            # Unbuffered: a file object around the descriptor would only add system
            # calls (fstat, lseek) before the one write.
            _write_all(fd, data)
            if info is not None and _FCHMOD is not None:
                _FCHMOD(fd, stat.S_IMODE(info.st_mode))
        finally:
            os.close(fd)
        if info is not None and _FCHMOD is None:
            os.chmod(tmp_name, stat.S_IMODE(info.st_mode))
    except BaseException as error:
        _remove(tmp_name)
        if isinstance(error, OSError):
            raise write_error(path, error) from None
        raise
    return tmp_name


def _write_all(fd: int, data: bytes) -> None:
    """Write all of ``data`` to ``fd``: a write may take less than it is given."""
    written = os.write(fd, data)
    if written < len(data):
        view = memoryview(data)
        while written < len(data):
            written += os.write(fd, view[written:])


# Setting the mode through the open descriptor spares a lookup of the name; Windows
# has no fchmod before Python 3.13.
_FCHMOD = getattr(os, "fchmod", None)


def write_error(path: Path, error: OSError, changed: str = "no file was changed") -> L10nError:
    """The error for a file that could not be written, naming it and what to do."""
    if error.errno == errno.ENOSPC:
        fix = "free some disk space"
    else:
        fix = "check that the folder exists and is writable"
    shown = os.path.relpath(path) if path.is_absolute() and path.is_relative_to(Path.cwd()) else str(path)
    return L10nError(f"cannot write: {error.strerror or error}", path=shown, hint=f"{fix}, then run the command again; {changed}")


def _remove(name: str) -> None:
    try:
        os.unlink(name)
    except FileNotFoundError:
        pass


# .<target name>.<run's pid>-<n>.tmp, or -<worker's pid>_<n> from a worker: as
# write_temp names them.
_TEMP_NAME = re.compile(r"\A\..+\.(\d+)-(?:\d+_)?\d+\.tmp\Z")

_RUN_PID: int | None = None  # set in worker processes: the run they work for


def work_for(run_pid: int) -> None:
    """Name this process's temporary files after the run ``run_pid`` (a worker's).

    A worker's files are adopted by its run after the worker may have exited; named
    after the run, they are swept only once the run itself is gone, never by a
    concurrent run that finds the worker dead.
    """
    global _RUN_PID
    _RUN_PID = run_pid
    _forget_prefix()


def _temp_prefix() -> str:
    global _PREFIX
    if _PREFIX is None:
        # Kept: getpid() is a system call per file written (a cold build writes
        # thousands). A forked child forgets it (``_forget_prefix``), and so does a
        # worker when it learns its run (``work_for``).
        _PREFIX = f"{os.getpid()}-" if _RUN_PID is None else f"{_RUN_PID}-{os.getpid()}_"
    return _PREFIX


_PREFIX: str | None = None  # this process's part of its temporary files' names


def _forget_prefix() -> None:
    global _PREFIX
    _PREFIX = None


if hasattr(os, "register_at_fork"):  # not on Windows, which has no fork either
    os.register_at_fork(after_in_child=_forget_prefix)


def sweep_temps(folder: Path) -> int:
    """Delete the temporary files a killed run left in ``folder`` and below; how many.

    Only files named the way ``write_temp`` names them, and only those whose
    process is gone (or is this one, which has written none yet): another run at
    work keeps its own. Links to folders are not followed.
    """
    removed = 0
    try:
        scan = os.scandir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return 0
    with scan:
        for entry in scan:
            if entry.is_dir(follow_symlinks=False):
                removed += sweep_temps(Path(entry.path))
                continue
            match = _TEMP_NAME.match(entry.name)
            if match and not _running(int(match.group(1))) and entry.is_file(follow_symlinks=False):
                _remove(entry.path)
                removed += 1
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except OSError:
        return True  # cannot tell: keep the file
    return True


_TEMP_NUMBERS = itertools.count()
# O_BINARY matters on Windows only, O_CLOEXEC everywhere else.
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


# Staged writes kept in a list before they go to the journal file: a run of a few
# thousand files (a build of a thousand articles) never creates that file, which
# cost it 5 ms (loading tempfile, finding the temporary folder, writing). The list
# holds 4,096 pairs of paths at most: about 1 MB for paths of 50-odd characters.
_KEPT_IN_MEMORY = 4096


class Staging:
    """A set of file writes that land together or not at all.

    ``stage`` writes each changed file's new bytes to a temporary file beside it,
    so the expensive work and every possible failure happen before any
    real file changes; ``commit`` then renames them all into place. On an error the
    caller calls ``rollback`` (or leaves the ``with`` block by an exception) and every
    file stays as it was. Memory stays flat: staged bytes live on disk, and so does
    the list of what to rename once it is long (a cold build of 4,000 articles
    stages 8,000 files).
    """

    def __init__(self) -> None:
        self._staged = 0
        self._recent: list[tuple[str, str]] = []  # (temporary, target), the last few
        self._journal: BinaryIO | None = None  # "temporary\0target\0" for the rest
        self._deletes: list[Path] = []
        self._folders: list[Path] = []
        # Folders that held, or were made to hold, a staged file: as many as folders
        # written to, not as files.
        self._present: set[str] = set()

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, kind: object, error: object, traceback: object) -> None:
        if kind is None:
            self.commit()
        else:
            self.rollback()

    def stage(self, path: Path, data: bytes) -> bool:
        """Prepare ``path`` to hold ``data``; False when it already does."""
        self.make_parents(path)
        tmp_name = write_temp(path, data)
        if tmp_name is None:
            return False
        self._remember(tmp_name, path)
        return True

    def adopt(self, tmp_name: str, path: Path | str) -> None:
        """Take over a temporary file another process wrote with ``write_temp``."""
        self._remember(tmp_name, path)

    def _remember(self, tmp_name: str, path: Path | str) -> None:
        self._recent.append((tmp_name, str(path)))
        self._staged += 1
        if len(self._recent) >= _KEPT_IN_MEMORY:
            if self._journal is None:
                import tempfile

                self._journal = tempfile.TemporaryFile()
            # NUL is the one byte no path can hold.
            self._journal.write(b"".join(os.fsencode(name) + b"\0" for pair in self._recent for name in pair))
            self._recent.clear()

    def _pairs(self) -> Iterator[tuple[str, str]]:
        """(temporary file, target) of every staged write, in the order staged."""
        if self._journal is not None:
            self._journal.seek(0)
            names: list[str] = []
            rest = b""
            while chunk := self._journal.read(1 << 16):
                *complete, rest = (rest + chunk).split(b"\0")
                for name in complete:
                    names.append(os.fsdecode(name))
                    if len(names) == 2:
                        yield names[0], names[1]
                        names = []
        yield from self._recent

    def _forget_writes(self) -> None:
        if self._journal is not None:
            self._journal.close()
        self._journal = None
        self._recent.clear()
        self._staged = 0

    def make_parents(self, path: str | Path) -> None:
        """Create the missing folders above ``path``, remembering them.

        Workers write their temporary files into folders that must exist; made
        here, they are known: a rollback removes them, and a commit removes those
        that stayed empty (a language no catalog was written for).
        """
        # Kept as strings: a Path for each file's folder, made only to be looked up,
        # was most of what this cost a build.
        parent_name = os.path.dirname(path)
        if parent_name in self._present:
            return  # extract and build stage hundreds of files into each folder: one stat will do
        missing = []
        folder = Path(parent_name)
        while not folder.exists():
            missing.append(folder)
            folder = folder.parent
        for folder in reversed(missing):
            folder.mkdir(exist_ok=True)
            self._folders.append(folder)
        self._present.add(parent_name)

    def _remove_empty_folders(self) -> None:
        for folder in reversed(self._folders):
            try:
                folder.rmdir()
            except OSError:
                pass  # not empty: something was written there
        self._folders.clear()
        self._present.clear()

    def stage_delete(self, path: Path) -> None:
        """Remove ``path`` on commit."""
        self._deletes.append(path)

    def commit(self) -> None:
        if self._staged > 8 and hasattr(os, "sync"):  # Windows has no sync(): fsync each
            # One sync for the whole batch instead of an fsync per file (which cost
            # 3 ms a file here): every staged byte is on disk before the first
            # rename, so a crash leaves each file either old or new, never torn.
            os.sync()
        else:
            for tmp_name, _ in self._pairs():
                fd = os.open(tmp_name, os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
        for tmp_name, target in self._pairs():
            try:
                os.replace(tmp_name, target)
            except OSError as error:
                self.rollback()  # the temporary files not yet renamed
                raise write_error(Path(target), error, "files renamed into place before it are written") from None
        for path in self._deletes:
            path.unlink(missing_ok=True)
        self._forget_writes()
        self._deletes.clear()
        self._remove_empty_folders()

    def rollback(self) -> None:
        for tmp_name, _ in self._pairs():
            _remove(tmp_name)
        self._forget_writes()
        self._deletes.clear()
        self._remove_empty_folders()
