"""The command line's inputs: files, folders and stdin, each accounted for, decoded, and named
safely in every output (:func:`display_name`)."""

from __future__ import annotations

import codecs
import errno
import os
import stat
from pathlib import Path, PurePath
from typing import IO, Any, NamedTuple, Optional, Sequence

STDIN = "<stdin>"


class UsageError(Exception):
    """A mistake in the command line (exit status 2)."""


class InputError(Exception):
    """An input that cannot be used as a document; the message says why."""

    def __init__(self, message: str, skipped: bool = False) -> None:
        super().__init__(message)
        self.skipped = skipped


class Entry(NamedTuple):
    """One input: a path (as the OS gives it, for opening) and, when known before reading, why it is unusable."""

    path: str
    problem: Optional[str] = None
    skipped: bool = False  # refused without being opened (a special file, a folder loop), rather than failed


# Control characters (C0, DEL, C1): kept out of names and messages, so that no line is broken or terminal driven.
_CONTROLS = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F)} | {c: f"\\u{c:04x}" for c in range(0x80, 0xA0)}


def printable(value: str) -> str:
    """``value`` with its control characters written as ``\\xNN`` (``\\u00NN`` for C1 controls)."""
    return value.translate(_CONTROLS)


def display_name(path: str) -> str:
    """``path`` as one line of text any UTF-8 output can hold.

    The bytes of the name that are not UTF-8 are written ``\\xNN``, as are control
    characters (a tab, a line break, an escape); the same text in every format.
    """
    if path == STDIN:
        return path
    try:
        name = os.fsencode(path).decode("utf-8", "backslashreplace")
    except UnicodeError:  # a str that no file system name decodes to
        name = path.encode("utf-8", "backslashreplace").decode("utf-8")
    return printable(name)


_SPECIAL = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
            (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def _refusal(mode: int) -> str:
    what = next((name for test, name in _SPECIAL if test(mode)), "a special file")
    return f"refused: {what}, not a regular file (never opened); give text files, or '-' for stdin"


def _stat(path: str) -> tuple[Optional[os.stat_result], Optional[str]]:
    """What ``path`` leads to (symbolic links followed), or why it leads nowhere."""
    try:
        return os.stat(path), None
    except FileNotFoundError:
        if os.path.islink(path):
            try:
                target = f" to '{display_name(os.readlink(path))}'"
            except OSError:  # pragma: no cover - it was a link a moment ago
                target = ""
            return None, f"broken symbolic link{target}"
        return None, "no such file or folder"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, "symbolic link loop"
        return None, f"cannot read: {exc.strerror or exc}"


def folder_entries(folder: str) -> list[os.DirEntry]:
    """The entries of a folder (tests replace this to fake an unreadable one)."""
    with os.scandir(folder) as it:
        return list(it)


def _search(root: Path, pattern: str, root_stat: os.stat_result) -> list[Entry]:
    """The files under ``root`` that match ``pattern``, and every problem met on the way.

    Symbolic links to folders are followed, unless they lead back to a folder
    above them (a loop, skipped). Unreadable folders and broken symbolic links
    are reported whatever their names (what they hid cannot be told); special
    files are reported when their names match.
    """
    found: list[tuple[Path, Entry]] = []
    stack = [(root, PurePath(), frozenset({(root_stat.st_dev, root_stat.st_ino)}))]
    while stack:
        folder, rel, above = stack.pop()
        try:
            entries = folder_entries(str(folder))
        except OSError as exc:
            found.append((folder, Entry(str(folder), f"cannot read folder: {exc.strerror or exc}")))
            continue
        for item in entries:
            path, name = folder / item.name, rel / item.name
            st, problem = _stat(str(path))
            if st is not None and stat.S_ISDIR(st.st_mode):
                key = (st.st_dev, st.st_ino)
                if key in above:
                    found.append((path, Entry(str(path), "symbolic link loop: leads back to a folder above it; "
                                                         "not searched again", skipped=True)))
                else:
                    stack.append((path, name, above | {key}))
            elif problem is not None:
                if name.match(pattern) or os.path.islink(path) or _is_dir(item):
                    found.append((path, Entry(str(path), problem)))
            elif name.match(pattern):
                regular = stat.S_ISREG(st.st_mode)
                found.append((path, Entry(str(path)) if regular else Entry(str(path), _refusal(st.st_mode), True)))
    return [entry for _, entry in sorted(found, key=lambda pair: pair[0])]


def _is_dir(item: os.DirEntry) -> bool:
    try:
        return item.is_dir(follow_symlinks=False)
    except OSError:  # pragma: no cover
        return False


def expand(inputs: Sequence[str], pattern: str, stdin: IO) -> list[Entry]:
    """One entry per document: files in order, folders searched, stdin as '<stdin>', problems included."""
    if not inputs:
        if isatty(stdin):
            raise UsageError("no input: name files or folders, or pipe text in (cat article.txt | kora-quotes)")
        inputs = ["-"]
    if list(inputs).count("-") > 1:
        raise UsageError("'-' (stdin) can be given once")
    if not pattern or PurePath(pattern).is_absolute():
        raise UsageError(f"--glob takes a relative file name pattern such as '*.txt', got {pattern!r}")
    found: list[Entry] = []
    for name in inputs:
        if name == "-":
            found.append(Entry(STDIN))
            continue
        st, problem = _stat(name)
        if st is None:
            found.append(Entry(name, problem))
        elif stat.S_ISDIR(st.st_mode):
            files = _search(Path(name), pattern, st)
            found.extend(files or [Entry(name, f"folder holds no file matching --glob {pattern!r}")])
        elif stat.S_ISREG(st.st_mode):
            found.append(Entry(name))
        else:
            found.append(Entry(name, _refusal(st.st_mode), skipped=True))
    return found


def isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
         (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"), (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"))


def _decode(data: bytes) -> str:
    """UTF-8 text (a byte-order mark dropped), or UTF-16/UTF-32 that starts with its byte-order mark."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(f"starts with a {label} byte-order mark but is not valid {label} text "
                                 f"({exc.reason} at offset {exc.start})") from None
    if b"\x00" in data:
        raise InputError("binary file (holds NUL bytes), not text" + _utf16_hint(data))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}): binary data or another "
            "encoding such as Latin-1; convert it first, e.g. iconv -f latin1 -t utf-8"
        ) from None


def _utf16_hint(data: bytes) -> str:
    """A hint when NUL bytes fill every other place, as in UTF-16 text without a byte-order mark."""
    sample = data[:4096]
    for order, nuls, rest in (("le", sample[1::2], sample[0::2]), ("be", sample[0::2], sample[1::2])):
        if len(sample) >= 4 and nuls.count(0) >= 0.9 * len(nuls) and rest.count(0) <= 0.1 * len(rest):
            return (f"; it looks like UTF-16 without a byte-order mark: convert it first, "
                    f"e.g. iconv -f utf-16{order} -t utf-8")
    return ""


def read_input(name: str, stdin: IO) -> str:
    """The text of a document; a file that turns out not to be a regular one is refused, never read."""
    try:
        if name == STDIN:
            data = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read()
            return data if isinstance(data, str) else _decode(data)
        # O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused just below).
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
        with open(os.open(name, flags), "rb") as f:
            mode = os.fstat(f.fileno()).st_mode
            if not stat.S_ISREG(mode):
                raise InputError(_refusal(mode), skipped=True)
            return _decode(f.read())
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None


# -- progress -----------------------------------------------------------------

