"""Stand-ins for a reader that a crafted file sends out of bounds, run in the import's child process (spawn
gives the child the tests' sys.path, so it finds this module by name)."""
import os
import time
from pathlib import Path

from model.summary.reading import import_one

GIB = 1024 ** 3


def take_memory(gib: int) -> bytes:
    """As a reader does when one merged range or one stream expands to gigabytes."""
    return bytes(gib * GIB)


def import_one_or_explode(path: str):
    """The importers' reading of a summary's file, except that a file named 炸弹 takes 4 GB and one named
    崩溃 ends the process."""
    name = Path(path).name
    if "炸弹" in name:
        take_memory(4)
    if "崩溃" in name:
        os._exit(3)
    return import_one(path)


def sleep_then(seconds: float, value):
    time.sleep(seconds)
    return value


def answer_or_explode(value: str) -> str:
    if value == "炸弹":
        take_memory(4)
    time.sleep(0.1)
    return value


def import_file_with_a_fault_nobody_foresaw(path: str):
    """import_file in the child, its reader raising what no test foresaw."""
    import model.importers as importers

    def broken(raw, name):
        raise RecursionError("maximum recursion depth exceeded")

    importers.import_bytes = broken
    return importers.import_file(path)


def convert_for_ever() -> None:
    """As LibreOffice hanging on a crafted .doc: a program the child started, that does not end."""
    import subprocess
    import sys

    subprocess.run([sys.executable, "-c", "import time; time.sleep(120)"])
