"""Work shared with a forked copy of this process (Linux only: `os.fork` and
`os.memfd_create`). `whoknows crossref` shares the pieces of a long list with one."""

from __future__ import annotations

import codecs
import json
import os
import signal
import warnings
from collections.abc import Callable, Iterator
from typing import Any

from whoknows.output import chunks

Piece = tuple[list[str], bool, list[str]]
"""What a piece of work gives: (each target's path, whether anyone matched, the text)."""


def two_cores() -> bool:
    """Whether this process may run on two cores or more. (The load is not asked: even with
    both cores busy, two processes finished the benchmark's crossref sooner than one.)"""
    return len(os.sched_getaffinity(0)) >= 2


class Worker:
    """A forked copy of this process that does pieces of work numbered 0 to `pieces - 1`
    (`work(i)`), taking them in turn with this process (`take`): whichever is free takes the
    next, so a slower process (another program on its core, harder targets) does fewer.

    The pieces wait in a pipe as one byte each; reading one byte from a pipe is atomic, so
    each piece is taken exactly once. The copy writes its pieces' text into a file in memory
    (``memfd``: no ping-pong of a pipe's 64 KB at a time) and then, through another pipe, one
    line of JSON: where each of its pieces is in that file with its paths and whether anyone
    matched, or ``{"error": line, "code": exit code}`` for an exception, as the command line
    would report it. Ctrl-C ends the copy at once; `stop` ends it, if still running, and reaps
    it in any case, so no process outlives the command.
    """

    def __init__(self, work: Callable[[int], Piece], pieces: int, store: object) -> None:
        if not 0 < pieces <= 255:
            raise ValueError(f"{pieces} pieces: one byte each, so 1 to 255")
        self.text = os.memfd_create("whoknows-crossref")
        fds = [self.text]
        try:
            self.queue, queued = os.pipe()
            fds += [self.queue, queued]
            os.write(queued, bytes(range(pieces)))  # 255 bytes at most: never blocks
            os.close(queued)
            fds.remove(queued)
            read, write = os.pipe()
            fds += [read, write]
            with warnings.catch_warnings():  # Python 3.12+ warns of fork with threads running:
                warnings.simplefilter("ignore", DeprecationWarning)  # numpy's idle BLAS pool
                self.pid = os.fork()
        except OSError:  # no pipe or process to be had just now
            for fd in fds:
                os.close(fd)
            raise
        if self.pid == 0:  # the copy: never returns from here
            try:
                os.close(read)
                _run_child(work, self.queue, write, self.text, store)
            finally:
                os._exit(3)
        os.close(write)
        self.pipe: Any = os.fdopen(read, "rb")

    def take(self) -> Iterator[int]:
        """The pieces this process does, one at a time, until none is left."""
        return _taken(self.queue)

    def answer(self) -> dict[str, Any]:
        """What the copy sent (waits for it to finish its pieces): ``{"pieces": {i: (paths,
        matched, text)}}`` with each piece's text as an iterator, or an error."""
        head = self.pipe.readline()
        if not head:  # ended before it could answer: Ctrl-C, killed, out of memory
            _, status = os.waitpid(self.pid, 0)
            self.pid = 0
            if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGINT:
                raise KeyboardInterrupt  # Ctrl-C reached it first: reported as in one process
            line = f"the second crossref process ended without an answer (wait status {status})"
            return {"error": f"whoknows: internal error: {line}", "code": 3}
        answer = json.loads(head)
        if "pieces" in answer:
            answer["pieces"] = {
                i: (paths, matched, self._text(start, end))
                for i, start, end, paths, matched in answer["pieces"]
            }
        return answer

    def _text(self, start: int, end: int, size: int = 1 << 20) -> Iterator[str]:
        """The copy's text from byte `start` to `end`, a megabyte at a time (read before
        `stop`)."""
        decoder = codecs.getincrementaldecoder("utf-8")("surrogatepass")
        while start < end:
            chunk = os.pread(self.text, min(size, end - start), start)
            start += len(chunk)
            yield decoder.decode(chunk)
        yield decoder.decode(b"", final=True)

    def stop(self) -> None:
        """End the copy if it still runs (once it has answered, it is only ending), reap it,
        and close the pipes and the file."""
        if self.pid:
            os.kill(self.pid, signal.SIGKILL)  # not reaped yet, so it exists
            os.waitpid(self.pid, 0)
            self.pid = 0
        self.pipe.close()
        os.close(self.queue)
        os.close(self.text)


def _taken(queue: int) -> Iterator[int]:
    """Piece numbers read from the `queue` pipe one byte at a time, until it is empty."""
    while taken := os.read(queue, 1):
        yield taken[0]


def _run_child(
    work: Callable[[int], Piece], queue: int, fd: int, text_fd: int, store: object
) -> None:
    """In the forked copy: do pieces from `queue` until none is left, write their text to
    `text_fd` and the answer to `fd`, and end without clean-up (the parent's objects, files
    and connections are its own to close)."""
    code = 1
    try:
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: end now; the parent reports it
        try:
            done = []
            with open(text_fd, "wb", closefd=False) as file:
                for i in _taken(queue):
                    paths, matched, text = work(i)
                    start = file.tell()
                    for piece in chunks(text):  # never a whole piece as one string and bytes
                        file.write(piece.encode("utf-8", "surrogatepass"))
                    done.append((i, start, file.tell(), paths, matched))
            head: dict[str, Any] = {"pieces": done}
            code = 0
        except Exception as e:
            from whoknows.quick import failure

            line, code = failure(e, store)
            head = {"error": line, "code": code}
        with os.fdopen(fd, "wb") as pipe:
            pipe.write(json.dumps(head).encode() + b"\n")
    finally:
        os._exit(code)
