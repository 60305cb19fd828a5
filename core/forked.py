"""Work done at the same time by a forked copy of this process (Linux only: `os.fork` and
`os.memfd_create`). `whoknows crossref` gives the second half of a long list to one."""

from __future__ import annotations

import codecs
import json
import os
import signal
import warnings
from collections.abc import Callable, Iterator
from typing import Any

from whoknows.output import chunks


def two_cores() -> bool:
    """Whether this process may run on two cores or more. (The load is not asked: even with
    both cores busy, two processes finished the benchmark's crossref sooner than one.)"""
    return len(os.sched_getaffinity(0)) >= 2


class Worker:
    """A forked copy of this process that runs `work` and sends back what it returns.

    The copy writes its text into a file in memory (``memfd``: no ping-pong of a pipe's 64 KB
    at a time) and then, through a pipe, one line of JSON: ``{"paths": ..., "matched": ...}``,
    or ``{"error": line, "code": exit code}`` for an exception, as the command line would
    report it. Ctrl-C ends the copy at once; `stop` ends it, if still running, and reaps it in
    any case, so no process outlives the command.
    """

    def __init__(
        self, work: Callable[[], tuple[list[str], bool, list[str]]], store: object
    ) -> None:
        self.text = os.memfd_create("whoknows-crossref")
        try:
            read, write = os.pipe()
        except OSError:
            os.close(self.text)
            raise
        try:
            with warnings.catch_warnings():  # Python 3.12+ warns of fork with threads running:
                warnings.simplefilter("ignore", DeprecationWarning)  # numpy's idle BLAS pool
                self.pid = os.fork()
        except OSError:  # no process to be had just now
            for fd in (read, write, self.text):
                os.close(fd)
            raise
        if self.pid == 0:  # the copy: never returns from here
            try:
                os.close(read)
                _run_child(work, write, self.text, store)
            finally:
                os._exit(3)
        os.close(write)
        self.pipe: Any = os.fdopen(read, "rb")

    def answer(self) -> dict[str, Any]:
        """What the copy sent (waits for it to finish its work)."""
        head = self.pipe.readline()
        if not head:  # ended before it could answer: Ctrl-C, killed, out of memory
            _, status = os.waitpid(self.pid, 0)
            self.pid = 0
            if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGINT:
                raise KeyboardInterrupt  # Ctrl-C reached it first: reported as in one process
            line = f"the second crossref process ended without an answer (wait status {status})"
            return {"error": f"whoknows: internal error: {line}", "code": 3}
        answer = json.loads(head)
        answer["text"] = self._text()
        return answer

    def _text(self, size: int = 1 << 20) -> Iterator[str]:
        """The copy's text, a megabyte at a time (read before `stop`)."""
        decoder = codecs.getincrementaldecoder("utf-8")("surrogatepass")
        with open(self.text, "rb", closefd=False) as file:
            file.seek(0)
            while chunk := file.read(size):
                yield decoder.decode(chunk)
        yield decoder.decode(b"", final=True)

    def stop(self) -> None:
        """End the copy if it still runs (once it has answered, it is only ending), reap it,
        and close the pipe and the file."""
        if self.pid:
            os.kill(self.pid, signal.SIGKILL)  # not reaped yet, so it exists
            os.waitpid(self.pid, 0)
            self.pid = 0
        self.pipe.close()
        os.close(self.text)


def _run_child(
    work: Callable[[], tuple[list[str], bool, list[str]]], fd: int, text_fd: int, store: object
) -> None:
    """In the forked copy: run `work`, write its text to `text_fd` and its answer to `fd`, and
    end without clean-up (the parent's objects, files and connections are its own to close)."""
    code = 1
    try:
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: end now; the parent reports it
        try:
            paths, matched, text = work()
            with open(text_fd, "wb", closefd=False) as file:
                for piece in chunks(text):  # never the whole half as one string and bytes
                    file.write(piece.encode("utf-8", "surrogatepass"))
            head: dict[str, Any] = {"paths": paths, "matched": matched}
            code = 0
        except Exception as e:
            from whoknows.quick import failure

            line, code = failure(e, store)
            head = {"error": line, "code": code}
        with os.fdopen(fd, "wb") as pipe:
            pipe.write(json.dumps(head).encode() + b"\n")
    finally:
        os._exit(code)
