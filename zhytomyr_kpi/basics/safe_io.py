"""Files at the edges, handled as if every path were hostile.

Reading: only regular files, and the size is checked before a single byte is read, so
``/dev/zero`` or a FIFO is refused at once instead of filling memory or blocking forever.

Writing: :func:`atomic_write` writes a temporary file beside the target and renames it into
place, so the target is either the old file or the whole new one; any failure names the
target (not the temporary) and leaves no debris. :func:`check_output_path` refuses to write
over ``data/raw/``, over the command's own inputs, over anything that is not a regular file
(``/dev/full``, a FIFO, a folder) and — unless the user said ``--force`` — over an existing
file; data/processed/ is written only by ``build``. :func:`publish_folder` replaces a whole
folder of outputs at once (``build``).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from zhytomyr_kpi.basics.errors import OutputError, ParseError
from zhytomyr_kpi.basics.paths import PROCESSED_DIR, RAW_DIR, REVIEWED_DIR

MAX_INPUT_BYTES = 20 * 1024 * 1024  # any input read whole; a generous limit, not a tight one
#: A decision text: No. 1685 is 70 KB. Validation is linear in the text's length (issue 24,
#: item 5; ``benchmarks/long_document.py``: 0,40 s for 10 000 lines / 0,9 MB, 0,76 s for
#: 20 000 / 1,8 MB, 1,56 s for 40 000 / 3,7 MB on the project's 2-core machine, about 0,4 s a
#: megabyte). 4 MB, some 43 000 lines and 60 times No. 1685, is validated in under 2 s; a
#: larger file is refused before it is read.
MAX_DECISION_BYTES = 4 * 1024 * 1024
_READ_CHUNK = 1 << 20

_REASONS = {
    errno.ENOSPC: "немає місця на диску",
    errno.EACCES: "немає дозволу",
    errno.EPERM: "немає дозволу",
    errno.EROFS: "файлова система лише для читання",
    errno.ENOENT: "такого файлу чи теки немає",
    errno.ENOTDIR: "частина шляху — не тека",
    errno.EISDIR: "це тека, а не файл",
    errno.ENAMETOOLONG: "задовга назва",
    errno.EMFILE: "забагато відкритих файлів",
    errno.EIO: "помилка введення-виведення",
    errno.EPIPE: "канал закрито",
    errno.EBUSY: "ресурс зайнятий (тека — точка монтування?)",
    errno.EXDEV: "інша файлова система",
    errno.EEXIST: "уже існує",
}
if hasattr(errno, "EDQUOT"):
    _REASONS[errno.EDQUOT] = "перевищено дискову квоту"


def describe(exc: OSError) -> str:
    """A short Ukrainian reason for an OS error (the system's text when there is none)."""
    return _REASONS.get(exc.errno, exc.strerror or str(exc))


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "це тека, а не файл"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "це пристрій, а не звичайний файл"
    if stat.S_ISFIFO(mode):
        return "це канал (FIFO), а не звичайний файл"
    if stat.S_ISSOCK(mode):
        return "це сокет, а не звичайний файл"
    if stat.S_ISLNK(mode):
        return "це символьне посилання; вкажіть сам файл"
    return "це не звичайний файл"


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def read_regular(path: str | Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """Read a whole regular file of at most ``limit`` bytes; raise ParseError naming the file.

    The file is opened without blocking (a FIFO with no writer would block a plain open) and
    checked with ``fstat`` on the open descriptor, so what is checked is what is read.
    """
    path = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise ParseError(path, "файл не знайдено") from None
    except IsADirectoryError:
        raise ParseError(path, "це тека, а не файл") from None
    except OSError as exc:
        raise ParseError(path, f"не вдається прочитати: {describe(exc)}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ParseError(path, _kind(info.st_mode))
        if info.st_size > limit:
            raise ParseError(path, f"файл завеликий ({_megabytes(info.st_size)} МБ; "
                                   f"межа {_megabytes(limit)} МБ)")
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(_READ_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:  # the file grew while being read
            raise ParseError(path, f"файл завеликий (понад {_megabytes(limit)} МБ)")
        return b"".join(chunks)
    except OSError as exc:
        raise ParseError(path, f"не вдається прочитати: {describe(exc)}") from None
    finally:
        os.close(fd)


# ---------------------------------------------------------------- guards


def _within(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def _real(path: str | Path) -> Path:
    """The absolute path with symbolic links resolved (the file does not need to exist)."""
    return Path(os.path.realpath(Path(path).expanduser()))


#: Folders no command writes into unless it owns them, and why.
PROTECTED = {RAW_DIR: "data/raw/ — вхідні дані, їх не перезаписують",
             PROCESSED_DIR: "data/processed/ пише лише команда build (make data)",
             REVIEWED_DIR: "zhytomyr_kpi/reviewed/ — перевірені файли, їх не перезаписують"}


def check_not_protected(path: str | Path, inputs: Iterable[Path] = (),
                        protected: Mapping[Path, str] | None = None) -> None:
    """Refuse a path inside a protected folder or equal to one of the command's inputs."""
    target = Path(path)
    real = _real(target)
    for folder, reason in (PROTECTED if protected is None else protected).items():
        if _within(real, _real(folder)):
            raise OutputError(target, f"{reason}; оберіть інше місце")
    for source in inputs:
        if real == _real(source):
            raise OutputError(target, "це вхідний файл команди; оберіть інше місце")


def check_output_path(path: str | Path, *, force: bool = False, inputs: Iterable[Path] = (),
                      protected: Mapping[Path, str] | None = None) -> Path:
    """Refuse a target that must not be written; return it unchanged when it may be.

    Refused: anything inside ``protected`` folders (default :data:`PROTECTED`: data/raw/,
    data/processed/, the reviewed files), the command's own ``inputs``, an existing path that
    is not a regular file (a device such as ``/dev/full``, a FIFO, a folder, a symbolic link)
    and, without ``force``, an existing file.
    """
    target = Path(path)
    check_not_protected(target, inputs, protected)
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise OutputError(target, f"не вдається перевірити: {describe(exc)}") from None
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(target, f"{_kind(info.st_mode)}; запис не виконано")
    if not force:
        raise OutputError(target, "файл уже існує; додайте --force, щоб замінити його")
    return target


# ---------------------------------------------------------------- writing


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def file_mode() -> int:
    """Permissions a plain ``open()`` would give a new file (0o666 minus the umask)."""
    return 0o666 & ~_umask()


def _unlink_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _write_file(path: Path, data: bytes) -> None:
    with open(path, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def atomic_write(path: str | Path, data: bytes, mode: int | None = None) -> Path:
    """Write ``data`` to ``path`` all at once: the target is the old file or the new one.

    An existing target that is not a regular file is never replaced. Errors (full disk,
    read-only folder, Ctrl-C) remove the temporary file; OS errors become OutputError naming
    the target.
    """
    target = Path(path)
    folder = target.parent
    temp: Path | None = None
    try:
        with contextlib.suppress(FileNotFoundError):
            info = os.lstat(target)
            if not stat.S_ISREG(info.st_mode):
                raise OutputError(target, f"{_kind(info.st_mode)}; запис не виконано")
        folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        temp = Path(name)
        os.close(handle)
        _write_file(temp, data)
        os.chmod(temp, file_mode() if mode is None else mode)
        os.replace(temp, target)
        temp = None
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(target, f"не вдається записати: {describe(exc)}") from None
    finally:
        if temp is not None:
            _unlink_quietly(temp)
    return target


# ---------------------------------------------------------------- a whole folder at once

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # Linux renameat2 flag
_RENAME_SWAP = 2  # macOS renamex_np flag


def _libc():
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step; False where the system cannot (then nothing moved)."""
    libc = _libc()
    a, b = os.fsencode(first), os.fsencode(second)
    if sys.platform.startswith("linux") and libc is not None and hasattr(libc, "renameat2"):
        result = libc.renameat2(_AT_FDCWD, a, _AT_FDCWD, b, _RENAME_EXCHANGE)
    elif sys.platform == "darwin" and libc is not None and hasattr(libc, "renamex_np"):
        result = libc.renamex_np(a, b, _RENAME_SWAP)
    else:
        return False
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def owned_prefix(prefix: str) -> str:
    """``prefix`` plus this process's id: temporaries say who made them (see remove_stale)."""
    return f"{prefix}{os.getpid()}-"


def _owner_running(name: str, prefix: str) -> bool:
    """True if the temporary ``name`` belongs to another process that is still running."""
    owner = name[len(prefix):].split("-", 1)[0]
    if os.name != "posix" or not owner.isdigit() or int(owner) == os.getpid():
        return False
    try:
        os.kill(int(owner), 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def _stale(folder: Path, *prefixes: str) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  for prefix in prefixes
                  if p.name.startswith(prefix) and p.is_dir() and not p.is_symlink()
                  and not _owner_running(p.name, prefix))


def remove_stale(folder: Path, prefix: str) -> None:
    """Remove the temporary folders ``prefix…`` an interrupted run left in ``folder``.

    Folders named with :func:`owned_prefix` whose process still runs are left alone, so two
    runs at once do not delete each other's work.
    """
    for path in _stale(Path(folder), prefix):
        shutil.rmtree(path, ignore_errors=True)


def staging_names(out: Path) -> tuple[str, str]:
    """Prefixes of the sibling folders :func:`publish_folder` uses: (new set, old set)."""
    return f".{out.name}.new-", f".{out.name}.old-"


def recover(out: Path) -> None:
    """Undo what an interrupted :func:`publish_folder` left: restore the old set, drop debris.

    A ``.new-`` folder is never the published set, so it is always removed. An ``.old-``
    folder is the previous set: put back if ``out`` is missing (a kill between the two renames
    of the fallback swap), removed otherwise. Folders of a build still running are left.
    """
    new_prefix, old_prefix = staging_names(out)
    for folder in _stale(out.parent, new_prefix, old_prefix):
        if folder.name.startswith(old_prefix) and not os.path.lexists(out):
            os.rename(folder, out)
        else:
            shutil.rmtree(folder, ignore_errors=True)


def publish_folder(files: dict[str, bytes], out: Path) -> list[Path]:
    """Replace the folder ``out`` by one holding exactly ``files``, all or nothing.

    The new set is written and synced in a sibling folder, then swapped with ``out`` in one
    atomic step (Linux ``renameat2``, macOS ``renamex_np``); elsewhere two renames with a
    rollback, and :func:`recover` repairs a kill between them on the next run. Readers see
    either the whole old set or the whole new one; an interruption leaves the old set and no
    debris. The caller checks that ``out`` holds nothing but its own outputs.
    """
    out = Path(out)
    parent = out.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        recover(out)
        new_prefix, old_prefix = staging_names(out)
        staging = Path(tempfile.mkdtemp(prefix=owned_prefix(new_prefix), dir=parent))
    except OSError as exc:
        raise OutputError(out, f"не вдається підготувати запис: {describe(exc)}") from None
    leftover = staging
    try:
        mode = file_mode()
        for name, content in sorted(files.items()):
            _write_file(staging / name, content)
            os.chmod(staging / name, mode)
        os.chmod(staging, stat.S_IMODE(os.stat(out).st_mode) if out.is_dir()
                 else 0o777 & ~_umask())
        if not os.path.lexists(out):
            os.rename(staging, out)
            leftover = None
        elif exchange(staging, out):
            pass  # ``staging`` now holds the old set: removed below
        else:
            old = parent / (old_prefix + staging.name[len(new_prefix):])
            try:
                os.rename(out, old)
                os.rename(staging, out)
            except BaseException:  # roll back, whatever stopped us (Ctrl-C included)
                if not os.path.lexists(out) and os.path.lexists(old):
                    os.rename(old, out)
                raise
            leftover = old
    except OSError as exc:
        raise OutputError(out, f"не вдається записати: {describe(exc)}") from None
    finally:
        if leftover is not None:
            shutil.rmtree(leftover, ignore_errors=True)
    return [out / name for name in sorted(files)]


def write_atomically(files: dict[str, bytes], out_dir: Path) -> list[Path]:
    """Write each file atomically (no partial file; errors name the target).

    Kept for callers that store a few files side by side; it does not guard the targets —
    call :func:`check_output_path` first where a user names them.
    """
    return [atomic_write(Path(out_dir) / name, content)
            for name, content in sorted(files.items())]


def write_together(files: dict[str, bytes], out_dir: Path) -> list[Path]:
    """Write several files side by side in ``out_dir``, all or none (issue 24, item 4).

    Every file is written and synced in a private folder inside ``out_dir`` first; only when
    all of them are there are they renamed into place (a rename needs no space, so a full
    disk stops the run before any target is touched). An error or an interruption leaves
    none of them and no debris (a folder a killed run left is removed by the next one).
    The caller checks the targets first (:func:`check_output_path`).
    """
    out_dir = Path(out_dir)
    prefix = ".write-"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        remove_stale(out_dir, prefix)
        staging = Path(tempfile.mkdtemp(prefix=owned_prefix(prefix), dir=out_dir))
    except OSError as exc:
        raise OutputError(out_dir, f"не вдається підготувати запис: {describe(exc)}") from None
    try:
        mode = file_mode()
        for name, content in sorted(files.items()):
            _write_file(staging / name, content)
            os.chmod(staging / name, mode)
        for name in sorted(files):
            os.replace(staging / name, out_dir / name)
    except OSError as exc:
        raise OutputError(out_dir, f"не вдається записати файли (не записано жодного): "
                                   f"{describe(exc)}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [out_dir / name for name in sorted(files)]
