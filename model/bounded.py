"""Work on untrusted bytes (an import) in a child process that cannot take the editor down with it.

The child has a memory ceiling (RLIMIT_AS on POSIX, a Job Object on Windows), the parent ends it past a time limit
or at once on 取消, and it dies with its parent, even one killed with kill -9 (PR_SET_PDEATHSIG on Linux, the Job
Object's kill-on-close on Windows, elsewhere a check that the parent still runs).  A bomb then costs one child.
Children are started by spawn, never fork: a window's threads must not be copied into them, and Windows only spawns.
On Linux the death signal follows the *thread* that started the child, so start children from a thread that
outlives them (every function here ends its children before it returns).
"""
from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
import time
from collections import deque
from typing import Any, Callable, Iterable, Iterator, TypeVar

from model.processes import process_alive

MEMORY_LIMIT = 1024 ** 3  # bytes of address space: a report needs a few tens of MB, the readers' libraries ~100
TIME_LIMIT = 180.0  # seconds for one job: real reports read in seconds; LibreOffice alone may take 120 (office.py)
POLL_SECONDS = 0.05  # how soon 取消 and a passed time limit are seen
PARENT_CHECK_SECONDS = 1.0  # where no death signal exists, how often a child asks whether its parent still runs

MEMORY, TIME, CRASH = "memory", "time", "crash"
Key = TypeVar("Key")


class LimitHit(Exception):
    """The child was stopped: `limit` is MEMORY, TIME or CRASH (it ended without an answer)."""

    def __init__(self, limit: str) -> None:
        super().__init__(limit)
        self.limit = limit

    def sentence(self, name: str) -> str:
        """What the clerk is told about the file `name`."""
        if self.limit == MEMORY:
            return (f"读取“{name}”需要的内存超过了 {MEMORY_LIMIT // 1024 ** 3} GB 的上限，已停止读取。"
                    f"这个文件不像一份正常的年度报告，请让报送单位重新导出后再读取。")
        if self.limit == TIME:
            return (f"读取“{name}”超过 {TIME_LIMIT / 60:g} 分钟仍未完成，已停止读取。"
                    f"这个文件不像一份正常的年度报告，请让报送单位重新导出后再读取。")
        return f"读取“{name}”的进程意外结束，未能读出这份报告，文件可能已损坏。请用“文件 › 导入”单独打开它查看。"


class Cancelled(Exception):
    """`cancelled()` turned true; the children were ended."""


class Child:
    """One worker process running jobs (a function importable by name, and its arguments) one at a time."""

    def __init__(self, memory_limit: int = MEMORY_LIMIT) -> None:
        context = multiprocessing.get_context("spawn")
        self._connection, child_end = context.Pipe()
        self.process = context.Process(target=_serve, args=(child_end, os.getpid(), memory_limit), daemon=True,
                                       name="nianbao-import")
        self.process.start()
        child_end.close()
        self._job_object = _windows_job(self.process.pid, memory_limit) if sys.platform == "win32" else None
        self.deadline: float | None = None  # of the running job; None when idle

    def start(self, function: Callable, args: tuple, seconds: float) -> None:
        self._connection.send((function, args))
        self.deadline = time.monotonic() + seconds

    def waitables(self) -> list:
        return [self._connection, self.process.sentinel]

    def answer(self) -> tuple[bool, Any]:
        """(True, the job's value or the LimitHit / exception it ended in), or (False, None) while it runs."""
        if self._connection.poll():
            try:
                kind, value = self._connection.recv()
            except (EOFError, OSError):  # it died while answering
                kind, value = "limit", CRASH
            self.deadline = None
            if kind == "limit":
                self.end()
                return True, LimitHit(value)
            return True, value  # a value, or the exception the job raised (an ImportFailed and its sentence)
        if not self.process.is_alive():
            self.deadline = None
            self.end()
            return True, LimitHit(CRASH)
        if self.deadline is not None and time.monotonic() > self.deadline:
            self.deadline = None
            self.end()
            return True, LimitHit(TIME)
        return False, None

    @property
    def alive(self) -> bool:
        return self.process.is_alive()

    def end(self) -> None:
        """Ended at once with what it started (LibreOffice converting a .doc), whatever it is doing; idle
        children too: they hold no work worth waiting for."""
        if sys.platform != "win32":
            try:
                os.killpg(self.process.pid, signal.SIGKILL)  # its process group: the child and its converters
            except (ProcessLookupError, PermissionError):  # ended already, or not yet leading its group
                pass
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self._connection.close()
        if self._job_object is not None:
            _close_handle(self._job_object)
            self._job_object = None


def run_each(function: Callable, jobs: Iterable[tuple[Key, tuple]], workers: int,
             cancelled: Callable[[], bool] = lambda: False, seconds: float = TIME_LIMIT,
             memory_limit: int = MEMORY_LIMIT) -> Iterator[tuple[Key, Any]]:
    """`function(*args)` for each (key, args) in up to `workers` children, one job per child at a time; yields
    (key, value) as each ends, the value being a LimitHit (or the exception raised) when the job ended so.
    Raises Cancelled as soon as `cancelled()` is true.  Every child is ended when this ends, however it ends."""
    waiting = deque(jobs)
    idle: list[Child] = []
    busy: dict[Child, Key] = {}
    try:
        while waiting or busy:
            while waiting and len(busy) < workers:
                child = idle.pop() if idle else Child(memory_limit)
                key, args = waiting.popleft()
                child.start(function, args, seconds)
                busy[child] = key
            multiprocessing.connection.wait([w for child in busy for w in child.waitables()], POLL_SECONDS)
            if cancelled():
                raise Cancelled
            for child in list(busy):
                done, value = child.answer()
                if not done:
                    continue
                key = busy.pop(child)
                if child.alive:
                    idle.append(child)
                yield key, value
    finally:
        for child in (*idle, *busy):
            child.end()


def run_in_child(function: Callable, *args, cancelled: Callable[[], bool] = lambda: False,
                 seconds: float = TIME_LIMIT, memory_limit: int = MEMORY_LIMIT) -> Any:
    """`function(*args)` in a child of its own; its value, or the exception it raised, raised here (LimitHit
    when a limit ended it, Cancelled on 取消)."""
    for _, value in run_each(function, [(None, args)], 1, cancelled, seconds, memory_limit):
        if isinstance(value, BaseException):
            raise value
        return value
    raise AssertionError("run_each ends every job it is given")


# ---------------------------------------------------------------- inside the child
def _serve(connection, parent_pid: int, memory_limit: int) -> None:
    if sys.platform != "win32":
        os.setpgid(0, 0)  # a group of its own, so that ending it ends what it starts (on Windows, the Job Object)
    _die_with_parent(parent_pid)
    _limit_memory(memory_limit)
    while True:
        try:
            function, args = connection.recv()
        except (EOFError, OSError):  # the parent closed its end: nothing more to do
            return
        try:
            answer = ("value", function(*args))
        except MemoryError:
            answer = None
        except Exception as exc:  # the job's own exception (ImportFailed) goes back to be raised there
            answer = ("value", exc)
        if answer is None:  # after a MemoryError the readers' state is doubtful: say so and end
            connection.send(("limit", MEMORY))
            os._exit(0)
        try:
            connection.send(answer)
        except MemoryError:
            connection.send(("limit", MEMORY))
            os._exit(0)
        except Exception:  # an answer that cannot be pickled: said as a crash, not a traceback
            connection.send(("limit", CRASH))


def _die_with_parent(parent_pid: int) -> None:
    """A child whose parent was killed ends too, instead of running on under PID 1."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(pr_set_pdeathsig, int(signal.SIGKILL), 0, 0, 0) == 0:
            if os.getppid() != parent_pid:  # the parent went before the signal was asked for
                os._exit(1)
            return

    def watch() -> None:  # macOS and the BSDs have no death signal; on Windows the Job Object is the first guard
        while process_alive(parent_pid):
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="parent watch", daemon=True).start()


def _limit_memory(memory_limit: int) -> None:
    """POSIX: allocations past the ceiling fail (MemoryError) instead of taking the machine's memory."""
    try:
        import resource
    except ImportError:  # Windows: the parent put the child in a Job Object with the same ceiling
        return
    try:
        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    except (ValueError, OSError):  # a lower hard limit is already set, or the system refuses (macOS): keep it
        pass


# ---------------------------------------------------------------- Windows
def _windows_job(pid: int, memory_limit: int):
    """A Job Object holding the child: its memory is capped, and closing the job's last handle (the parent
    ending, however it ends) ends the child."""
    import ctypes
    from ctypes import wintypes

    class BasicLimits(ctypes.Structure):
        _fields_ = [("PerProcessUserTimeLimit", ctypes.c_int64), ("PerJobUserTimeLimit", ctypes.c_int64),
                    ("LimitFlags", wintypes.DWORD), ("MinimumWorkingSetSize", ctypes.c_size_t),
                    ("MaximumWorkingSetSize", ctypes.c_size_t), ("ActiveProcessLimit", wintypes.DWORD),
                    ("Affinity", ctypes.c_size_t), ("PriorityClass", wintypes.DWORD),
                    ("SchedulingClass", wintypes.DWORD)]

    class ExtendedLimits(ctypes.Structure):
        _fields_ = [("BasicLimitInformation", BasicLimits), ("IoInfo", ctypes.c_uint64 * 6),
                    ("ProcessMemoryLimit", ctypes.c_size_t), ("JobMemoryLimit", ctypes.c_size_t),
                    ("PeakProcessMemoryUsed", ctypes.c_size_t), ("PeakJobMemoryUsed", ctypes.c_size_t)]

    limit_process_memory, kill_on_job_close = 0x100, 0x2000
    extended_limit_information = 9
    set_quota, terminate = 0x0100, 0x0001
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.CreateJobObjectW.restype = wintypes.HANDLE
    kernel32.OpenProcess.restype = wintypes.HANDLE
    job = kernel32.CreateJobObjectW(None, None)
    if not job:  # no job: the child still has its time limit and its watch on the parent
        return None
    limits = ExtendedLimits()
    limits.BasicLimitInformation.LimitFlags = limit_process_memory | kill_on_job_close
    limits.ProcessMemoryLimit = memory_limit
    kernel32.SetInformationJobObject(wintypes.HANDLE(job), extended_limit_information, ctypes.byref(limits),
                                     ctypes.sizeof(limits))
    process = kernel32.OpenProcess(set_quota | terminate, False, pid)
    if process:
        kernel32.AssignProcessToJobObject(wintypes.HANDLE(job), wintypes.HANDLE(process))
        kernel32.CloseHandle(wintypes.HANDLE(process))
    return job


def _close_handle(handle) -> None:
    import ctypes
    from ctypes import wintypes

    ctypes.WinDLL("kernel32").CloseHandle(wintypes.HANDLE(handle))
