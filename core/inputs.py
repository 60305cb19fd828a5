"""Reading what users point whoknows at: a file, a folder or a zip, safely.

Importers use `Tree` to see a folder and a zip the same way, and `decode` to turn bytes into
text whatever the encoding the exporting program chose. Zip members are read in memory and
never extracted, and their size is capped so that a zip bomb ends in a clear error.
"""

from __future__ import annotations

import codecs
import io
import os
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import IO

from whoknows.errors import BadInput

MAX_MEMBER_BYTES = 1 << 30
"""The largest zip member whoknows will decompress (1 GiB)."""
MAX_TOTAL_BYTES = 4 << 30
"""The most whoknows will decompress from one zip, all members together (4 GiB)."""
MAX_FILE_BYTES = 1 << 30
"""The largest plain file (not in a zip) whoknows will read whole into memory (1 GiB)."""


ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
"""How a zip archive starts: its first member, or the end record of an empty archive."""


def is_zip(path: Path) -> bool:
    """True when `path` is a regular file that starts like a zip archive (never blocks)."""
    try:
        if not path.is_file():
            return False
        with open(path, "rb") as f:
            return f.read(4) in ZIP_SIGNATURES
    except OSError:
        return False


class Tree:
    """A folder or a zip archive, seen as relative POSIX names of files.

    Use as a context manager: ``with Tree(path) as tree: ...``.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._zip: zipfile.ZipFile | None = None
        self._decompressed = 0
        if self.path.is_dir():
            return
        if not is_zip(self.path):
            raise BadInput(self.path, "not a folder or a zip archive")
        try:
            self._zip = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, OSError, ValueError) as e:
            raise BadInput(self.path, f"corrupt zip archive ({e})") from None

    def __enter__(self) -> Tree:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def names(self) -> list[str]:
        """Every file's relative name, with unsafe zip member names (absolute, "..") left out."""
        if self._zip is not None:
            return [
                info.filename
                for info in self._zip.infolist()
                if not info.is_dir() and _safe_name(info.filename)
            ]
        found = []
        for root, _dirs, files in os.walk(self.path, onerror=self._walk_error):
            for name in files:
                full = Path(root, name)
                if full.is_file():  # not a FIFO, socket or device: reading one could block
                    found.append(full.relative_to(self.path).as_posix())
        return sorted(found)

    def _walk_error(self, e: OSError) -> None:
        raise BadInput(e.filename or self.path, e.strerror or str(e))

    def find(self, *basenames: str) -> list[str]:
        """The names whose last part equals one of `basenames`, ignoring case, shortest first."""
        wanted = {b.lower() for b in basenames}
        hits = [n for n in self.names() if PurePosixPath(n).name.lower() in wanted]
        return sorted(hits, key=lambda n: (n.count("/"), n))

    def label(self, name: str) -> str:
        """How to name a member in a message: ``archive.zip:folder/file.csv``."""
        return f"{self.path}:{name}" if self._zip is not None else str(self.path / name)

    def open(self, name: str, counted: bool = True) -> IO[bytes]:
        """Open a member for reading bytes; a name reaching outside the tree is refused.

        `counted`: whether what is read counts against the zip's total cap (not for a check
        pass before the real read)."""
        if not _safe_name(name):
            raise BadInput(self.label(name), "a name outside the folder or archive; not read")
        if self._zip is None:  # read as a stream: only `read_file` (whole files) is capped
            try:
                return open(self.path / name, "rb")
            except OSError as e:
                raise BadInput(self.label(name), e.strerror or str(e)) from None
        try:
            info = self._zip.getinfo(name)
        except KeyError:
            raise BadInput(self.label(name), "no such file in the archive") from None
        if info.file_size > MAX_MEMBER_BYTES:
            raise BadInput(self.label(name), _too_big(info.file_size))
        try:
            return _CappedReader(self._zip.open(info), self if counted else None, self.label(name))
        except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError) as e:
            raise BadInput(self.label(name), f"cannot read this archive member ({e})") from None

    def read_bytes(self, name: str) -> bytes:
        """A member's whole content."""
        if self._zip is None and _safe_name(name):
            return read_file(self.path / name)
        with self.open(name) as f:
            try:
                return f.read()
            except OSError as e:
                raise BadInput(self.label(name), e.strerror or str(e)) from None

    def read_text(self, name: str) -> str:
        """A member's content decoded as text (see `decode`)."""
        return decode(self.read_bytes(name), self.label(name))

    def open_text(self, name: str) -> IO[str]:
        """A member as text decoded a piece at a time as it is read, never held whole (for a
        big CSV): `decode`'s rules, checked by a first pass over the member's bytes."""
        return _open_text(
            lambda check: self.open(name, counted=not check), lambda: self.read_text(name)
        )

    def _count(self, n: int) -> None:
        self._decompressed += n
        if self._decompressed > MAX_TOTAL_BYTES:
            raise BadInput(
                self.path,
                f"archive decompresses to more than {MAX_TOTAL_BYTES >> 20} MiB "
                "(a zip bomb?); whoknows stops here",
            )


class _CappedReader(io.RawIOBase):
    """A zip member stream that stops at the size caps, whatever the header claims.

    A corrupt member raises `BadInput` naming it, whatever zipfile or zlib raised.
    """

    def __init__(self, raw: IO[bytes], tree: Tree | None, label: str) -> None:
        self._raw = raw
        self._tree = tree
        self._label = label
        self._read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        try:
            data = self._raw.read(len(buffer))
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as e:
            raise BadInput(self._label, f"corrupt archive member ({e})") from None
        n = len(data)
        buffer[:n] = data
        self._read += n
        if self._read > MAX_MEMBER_BYTES:
            raise BadInput(self._label, _too_big(self._read))
        if self._tree is not None:
            self._tree._count(n)
        return n

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            chunks = []
            while chunk := self.read(1 << 20):
                chunks.append(chunk)
            return b"".join(chunks)
        return super().read(size) or b""

    def close(self) -> None:
        self._raw.close()
        super().close()


def read_file(path: Path) -> bytes:
    """A plain file's whole content; a file over `MAX_FILE_BYTES` is refused before reading."""
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size <= MAX_FILE_BYTES:
                data = f.read(MAX_FILE_BYTES + 1)  # a pipe or special file may report 0
                size = len(data)
    except OSError as e:
        raise BadInput(path, e.strerror or str(e)) from None
    if size > MAX_FILE_BYTES:
        raise BadInput(path, _file_too_big(size))
    return data


def _file_too_big(size: int) -> str:
    return (
        f"file is larger than {MAX_FILE_BYTES >> 20} MiB ({size >> 20} MiB); "
        "not an export whoknows reads"
    )


def _too_big(size: int) -> str:
    return (
        f"member decompresses to more than {MAX_MEMBER_BYTES >> 20} MiB "
        f"({size >> 20} MiB or more; a zip bomb?)"
    )


def _safe_name(name: str) -> bool:
    p = PurePosixPath(name.replace("\\", "/"))
    return not p.is_absolute() and ".." not in p.parts and name[1:2] != ":"


def decode(data: bytes, label: str | Path) -> str:
    """Decode bytes from an export: a BOM wins, then UTF-8, then Windows-1252.

    UTF-16 without a BOM is recognised by its NUL bytes. Text with NUL bytes that is not
    UTF-16 is binary, and raises `BadInput` naming `label`.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", label)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", label)
    head = data[:4096]
    if head and b"\x00" in head:
        if head[1::2].count(0) > len(head) // 4:
            return _strict(data, "utf-16-le", label)
        if head[0::2].count(0) > len(head) // 4:
            return _strict(data, "utf-16-be", label)
        raise BadInput(label, "binary data, not a text export")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def text_stream(data: bytes, label: str | Path) -> IO[str]:
    """`decode(data, label)` as a text stream, for a big file such as LinkedIn's messages.csv:
    UTF-8 and Windows-1252 are decoded a piece at a time as the stream is read, not all at
    once (a whole str takes four bytes a character once one emoji is in it)."""
    return _open_text(lambda check: io.BytesIO(data), lambda: decode(data, label))


def _open_text(open_bytes: Callable[[bool], IO[bytes]], whole: Callable[[], str]) -> IO[str]:
    """`decode`'s rules as a stream. ``open_bytes(check)`` opens the bytes (once to check them,
    once to read them); ``whole()`` decodes them all at once, for UTF-16 and to raise
    `decode`'s error for bad bytes after a UTF-8 BOM. Lines end at ``\n`` only and are not
    translated, as when iterating ``io.StringIO(text)``."""
    with open_bytes(True) as f:
        head = f.read(4096)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in head:
            return io.StringIO(whole())  # UTF-16 (or binary: BadInput)
        bom = head.startswith(codecs.BOM_UTF8)
        utf8 = _reads_as_utf8(head[len(codecs.BOM_UTF8) if bom else 0 :], f)
    if not utf8 and bom:
        return io.StringIO(whole())  # raises BadInput naming the bad byte
    encoding = ("utf-8-sig" if bom else "utf-8") if utf8 else "cp1252"
    raw = open_bytes(False)
    stream = raw if isinstance(raw, io.BufferedIOBase) else io.BufferedReader(raw)
    return io.TextIOWrapper(
        stream, encoding=encoding, errors="strict" if utf8 else "replace", newline="\n"
    )


def _reads_as_utf8(head: bytes, rest: IO[bytes]) -> bool:
    """Whether `head` and then all of `rest` are valid UTF-8, checked a megabyte at a time
    (no whole str is made)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head)
        while chunk := rest.read(1 << 20):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _strict(data: bytes, encoding: str, label: str | Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise BadInput(
            label, f"cannot decode as {encoding} ({e.reason} at byte {e.start})"
        ) from None


def any_name(path: Path, wanted: Callable[[str], bool]) -> bool:
    """True when `path` is a folder or zip holding a file whose name `wanted` accepts.

    Meant for an importer's ``detect()``: it never raises (a corrupt zip is simply not a match).
    """
    if not (path.is_dir() or is_zip(path)):
        return False
    try:
        with Tree(path) as tree:
            return any(wanted(name) for name in tree.names())
    except BadInput:
        return False


def iter_paths(path: Path, suffixes: tuple[str, ...]) -> Iterator[Path]:
    """Files under a folder (recursively, sorted) whose suffix is one of `suffixes`."""
    for p in sorted(path.rglob("*")):
        if p.is_file() and p.suffix.lower() in suffixes:
            yield p
