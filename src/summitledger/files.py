"""Reading a file a user names: only a regular file, opened without blocking, never more
than a limit. Articles, manifests, cue lexicons and URL lists all come this way, so a
FIFO given for any of them cannot stall a command, nor a link to ``/dev/zero`` fill
memory."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from summitledger.errors import NOT_REGULAR, TOO_LARGE, UNREADABLE, InputError
from summitledger.safe import shown_path


def kind_of(mode: int) -> str:
    """What a file that is not a regular one is, in words."""
    return ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else
            "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else
            "a socket" if stat.S_ISSOCK(mode) else "not a regular file")


READ_CHUNK = 1 << 20  # bytes per read() of a file: the limit is checked after each


def read_regular(path: Path, max_bytes: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``max_bytes`` of them.

    The file is opened without blocking (a FIFO put in its place after the folder was
    listed cannot stall the run), refused unless the open file is a regular one (no
    device: ``/dev/zero`` never ends), and read in chunks that stop past the limit,
    whatever size the file claimed (it may grow while read)."""
    shown = shown_path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except PermissionError:
        raise InputError(f"{shown}: cannot read (permission denied)", code=UNREADABLE) from None
    except IsADirectoryError:
        raise InputError(f"{shown}: cannot read (is a folder)", code=UNREADABLE) from None
    except OSError as exc:
        raise InputError(f"{shown}: cannot read ({exc.strerror or exc})", code=UNREADABLE) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InputError(f"{shown}: cannot read (is a folder)", code=UNREADABLE)
        if not stat.S_ISREG(mode):
            raise InputError(f"{shown}: {kind_of(mode)}, not a file to read", code=NOT_REGULAR)
        chunks, size = [], 0
        while size <= max_bytes:
            chunk = os.read(fd, min(READ_CHUNK, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise InputError(f"{shown}: cannot read ({exc.strerror or exc})", code=UNREADABLE) from None
    finally:
        os.close(fd)
    if size > max_bytes:
        raise InputError(f"{shown}: over the {max_bytes}-byte limit (SUMMITLEDGER_MAX_BYTES)",
                         code=TOO_LARGE)
    return b"".join(chunks)


