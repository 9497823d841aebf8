"""Build the clerk's editor as one folder that runs without Python: `python packaging/build.py`.

Makes dist/<name>/<name> (<name>.exe on Windows) with PyInstaller: it needs no C compiler (a Windows machine with
Python is enough), knows PySide6's plugins and libraries, and builds in about a minute, so CI can afford it.
The name is the command in [project.scripts], the version [project] version, the icon [tool.nianbao-build] icon,
all from pyproject.toml. The same executable opens the editor (no arguments, or a file) and runs the command-line
commands of main.py (`nianbao check report.json`).

On Windows the executable is a console program whose console window is hidden when it was started by a
double-click (it owns the console) and kept when started from a command prompt, so commands print there.
"""
from __future__ import annotations

import argparse
import ast
import importlib.metadata
import os
import sys
import time
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
ENTRY_SCRIPT = ROOT / "main.py"
OWN_PACKAGES = ("model", "export", "gui")  # collected whole: every module, lazily imported ones too
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
HOOKS = Path(__file__).resolve().parent / "hooks"

# Python modules that are installed here but that the editor never uses (tests, tools, Qt modules it does not import)
EXCLUDED_MODULES = [
    "tkinter", "unittest", "pydoc", "pytest", "_pytest", "pytestqt", "hypothesis", "pypdf", "setuptools", "pip",
    "PyInstaller", "IPython", "numpy", "pandas", "matplotlib",
    "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets", "PySide6.QtSql", "PySide6.QtTest", "PySide6.QtXml", "PySide6.QtConcurrent",
    "PySide6.QtDBus", "PySide6.QtSvg", "PySide6.QtSvgWidgets", "PySide6.QtDesigner", "PySide6.QtHelp",
    "PySide6.QtUiTools", "PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.QtWebEngineCore",
    "PySide6.QtMultimedia", "PySide6.QtCharts", "PySide6.QtStateMachine",
]

def project() -> dict:
    with open(ROOT / "pyproject.toml", "rb") as file:
        return tomllib.load(file)


def app_name(config: dict) -> str:
    """The command pip installs for main.py is the folder's and the executable's name."""
    names = [name for name, target in config["project"]["scripts"].items() if target == "main:main"]
    if len(names) != 1:
        raise SystemExit("pyproject.toml: [project.scripts] needs exactly one command for main:main")
    return names[0]


def own_modules() -> list[str]:
    """Every module of model/, export/ and gui/ in this checkout, imported by the code or not (yet)."""
    modules = []
    for package in OWN_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            modules.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return modules


def third_party_imports() -> list[str]:
    """Every non-standard module our code imports, at the top or inside a function (lazy imports included)."""
    found: set[str] = set()
    files = [ENTRY_SCRIPT, *(p for package in OWN_PACKAGES for p in sorted((ROOT / package).rglob("*.py")))]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module)
    return sorted(name for name in found
                  if name.split(".")[0] not in sys.stdlib_module_names and name.split(".")[0] not in OWN_PACKAGES)


def check_installed_version(config: dict) -> str:
    """关于 reads the version from the installed package's metadata, which is copied into the folder."""
    version = config["project"]["version"]
    installed = importlib.metadata.version(config["project"]["name"])
    if installed != version:
        raise SystemExit(f"pyproject.toml says version {version}, the installed package {installed}: "
                         f"run `pip install -e .` again before building")
    return version


def docx_parts_folder() -> Path:
    import docx.parts

    return Path(docx.parts.__file__).parent


def pyinstaller_arguments(config: dict, name: str) -> list[str]:
    icon = ROOT / config["tool"]["nianbao-build"]["icon"]
    data_separator = os.pathsep  # PyInstaller's SOURCE:DEST separator is ';' on Windows
    arguments = [
        str(ENTRY_SCRIPT),
        "--name", name,
        "--onedir", "--console", "--hide-console", "hide-early",
        "--icon", str(icon),
        "--distpath", str(DIST), "--workpath", str(WORK), "--specpath", str(WORK),
        "--paths", str(ROOT),
        "--additional-hooks-dir", str(HOOKS),  # Qt's hooks, less the plugins and translations not used
        "--noconfirm", "--clean", "--noupx", "--log-level", "WARN",
        "--add-data", f"{ROOT / 'resources'}{data_separator}resources",
        "--copy-metadata", config["project"]["name"],
        # python-docx finds its templates as docx/parts/../templates, so that folder must exist in the bundle
        "--add-data", f"{docx_parts_folder() / '__init__.py'}{data_separator}docx/parts",
    ]
    if sys.platform != "win32":
        arguments.append("--strip")  # symbol tables are most of a Linux .so; Windows DLLs carry none
    for module in own_modules():
        arguments += ["--hidden-import", module]
    imports = third_party_imports()
    for module in imports:
        arguments += ["--hidden-import", module]
    # their data files too (python-docx's templates, pypdfium2's version files, pdfminer's CMaps);
    # Qt's come through the hooks in packaging/hooks
    for package in sorted({module.split(".")[0] for module in imports} - {"PySide6"}):
        arguments += ["--collect-data", package]
    for module in EXCLUDED_MODULES:
        arguments += ["--exclude-module", module]
    return arguments


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def build() -> Path:
    config = project()
    name = app_name(config)
    version = check_installed_version(config)
    started = time.monotonic()
    import PyInstaller.__main__  # a build dependency only: pip install -e ".[build]"

    PyInstaller.__main__.run(pyinstaller_arguments(config, name))
    folder = DIST / name
    seconds = time.monotonic() - started
    executable = folder / (name + (".exe" if sys.platform == "win32" else ""))
    print(f"built {executable} (version {version}) in {seconds:.0f} s; "
          f"folder {folder_size(folder) / 2**20:.1f} MiB")
    return executable


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    build()


if __name__ == "__main__":
    main()
