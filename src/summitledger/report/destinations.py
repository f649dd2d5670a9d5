"""Where a command's output goes: standard output, checked; or ``-o FILE``, written whole.

Python's own stdout can drop the end of a large write on a full disk without a word
(a short write the buffered layer does not carry on), and a process started with its
stdout closed has none at all; both become one coded error here. A file named with
``-o`` is written into a hidden temporary file beside it and renamed over it, so it is
whole or untouched; only ever a regular file (through a symbolic link, the file it
names), never a FIFO or a device.
"""

from __future__ import annotations

import io
import os
import secrets
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TextIO

from summitledger.errors import CANNOT_WRITE, NOT_A_FILE, STDOUT_FAILED, OutputError
from summitledger.safe import shown_path


class WholeWrites(io.RawIOBase):
    """Standard output's file descriptor, written whole or not at all: a short write (a
    disk filling up) is carried on until it fails, and a failure raises, where Python's
    own stdout can drop the rest of a large write without a word. After a failure what
    is still buffered is dropped, never written later at exit."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self.fd = fd
        self.failed = False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.fd

    def isatty(self) -> bool:
        return os.isatty(self.fd)

    def write(self, data) -> int:  # type: ignore[no-untyped-def,override]
        view = memoryview(data).cast("B")
        total = len(view)
        while len(view) and not self.failed:
            try:
                view = view[os.write(self.fd, view):]
            except InterruptedError:
                continue
            except OSError:
                self.failed = True
                raise
        return total


class ClosedStdout(io.TextIOBase):
    """Standard output when the process was started without one (``>&-``): a write is
    a coded error, not Python's ``'NoneType' object has no attribute 'write'``."""

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:  # type: ignore[override]
        raise OutputError("standard output is closed, so there is nowhere to write the "
                          "result; give it one (> FILE, or -o FILE)", code=STDOUT_FAILED)


def require_stdout() -> None:
    """Refuse now, before any work, when standard output is closed (``>&-``)."""
    if sys.stdout is None or isinstance(sys.stdout, ClosedStdout):
        ClosedStdout().write("")


def stdout_failed(exc: OSError) -> OutputError:
    return OutputError(f"cannot write to standard output ({exc.strerror or exc}); what "
                       "was printed is incomplete", code=STDOUT_FAILED)


@contextmanager
def checked_stdout() -> Iterator[TextIO]:
    """``sys.stdout`` for one command, checked: every write whole or an error, and the
    final flush (and, into a file, the close) checked too, so output cut short by a
    full disk is an error with a code, never exit 0. A stream that is not a file
    descriptor (a test's) is used as it is."""
    original = sys.stdout
    if original is None:
        sys.stdout = ClosedStdout()  # type: ignore[assignment]
        try:
            yield sys.stdout
        finally:
            sys.stdout = original
        return
    try:
        fd = original.fileno()
        original.flush()
    except (AttributeError, OSError, ValueError):
        yield original
        return
    raw = WholeWrites(fd)
    errors = original.errors if original.errors and original.errors != "strict" else "backslashreplace"
    checked = io.TextIOWrapper(io.BufferedWriter(raw), encoding=original.encoding or "utf-8",
                               errors=errors, newline="\n",
                               line_buffering=original.line_buffering)
    sys.stdout = checked
    try:
        yield checked
        checked.flush()
        if stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(os.dup(fd))  # a file system that reports write errors at close (NFS)
    except OSError as exc:
        raw.failed = True
        raise stdout_failed(exc) from None
    except BaseException:
        raw.failed = True  # the command failed: what it buffered is dropped with it
        raise
    finally:
        sys.stdout = original
        checked.detach()  # leave fd 1 open: it is the process's, not this wrapper's


def _kind(mode: int) -> str:
    return ("a folder" if stat.S_ISDIR(mode) else "a named pipe (FIFO)" if stat.S_ISFIFO(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket" if stat.S_ISSOCK(mode) else "not a regular file")


def _target(path: Path) -> tuple[Path, os.stat_result | None]:
    """Where ``-o path`` writes: the file a symbolic link names (the link stays), and
    what is there now (None: nothing). Refused: anything but a regular file."""
    shown = shown_path(path)
    target = Path(os.path.realpath(path))
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError(f"{shown}: cannot write ({exc.strerror or exc})",
                          code=CANNOT_WRITE) from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise OutputError(f"{shown}: {_kind(st.st_mode)}, not a file; -o writes only "
                          "regular files (for a pipe or a device use -o - and redirect)",
                          code=NOT_A_FILE)
    if st is not None and not os.access(target, os.W_OK):
        raise OutputError(f"{shown}: cannot write (permission denied)", code=CANNOT_WRITE)
    if not target.parent.is_dir():
        raise OutputError(f"{shown}: cannot write, no folder {shown_path(target.parent)}",
                          code=CANNOT_WRITE)
    return target, st


def _temporary(target: Path) -> tuple[int, Path]:
    """A new hidden file beside ``target`` (made here, never an existing one: O_EXCL),
    with the permissions a new file gets (the umask applies)."""
    while True:
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.part")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(
                os, "O_CLOEXEC", 0), 0o666), tmp
        except FileExistsError:
            continue


@contextmanager
def output_file(path: Path | None) -> Iterator[TextIO]:
    """stdout, or a file written whole or not at all: into a hidden temporary file
    beside it, renamed over it at the end; on any failure (a full disk) the temporary
    file goes and nothing changes at ``path``. Through a symbolic link the file it
    names is written (the link stays); a FIFO, a device or a folder is refused, never
    replaced; a file replaced keeps its permissions."""
    if path is None or str(path) == "-":
        yield sys.stdout
        return
    target, before = _target(path)
    try:
        fd, tmp = _temporary(target)
    except OSError as exc:
        raise OutputError(f"{shown_path(path)}: cannot write ({exc.strerror or exc})",
                          code=CANNOT_WRITE) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        if before is not None:
            os.chmod(tmp, stat.S_IMODE(before.st_mode))
            with suppress(PermissionError):
                os.chown(tmp, before.st_uid, before.st_gid)
        _target(path)  # still a regular file, or nothing: never replace what came since
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"{shown_path(path)}: cannot write ({exc.strerror or exc})",
                          code=CANNOT_WRITE) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
