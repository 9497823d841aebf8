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
import re
import subprocess
import sys
import time
from dataclasses import dataclass
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
    # no network, no terminal: OpenSSL (5 MiB; hashlib falls back to Python's own SHA-256 and MD5) and readline
    "ssl", "_ssl", "_hashlib", "readline",
    # reportlab imports PIL.Image (and Pillow's core, with JPEG/TIFF/JPEG 2000) but never draws text or converts
    # colours with it: its AVIF, WebP, colour-management, font and Tk modules bring 10 MiB of libraries
    "PIL._avif", "PIL.AvifImagePlugin", "PIL._webp", "PIL.WebPImagePlugin", "PIL._imagingcms", "PIL.ImageCms",
    "PIL._imagingft", "PIL.ImageFont", "PIL._imagingtk", "PIL.ImageTk", "PIL.ImageQt",
    # python-docx and the web-page reader use lxml.etree and lxml.html; not the rest of lxml
    "lxml.objectify", "lxml.html.diff", "lxml.html._difflib", "lxml.isoschematron", "lxml.cssselect",
    "lxml.html.clean", "lxml.html.soupparser", "lxml.html.html5parser",
]
# packages whose files besides their modules are not needed at run time: lxml's are its C sources and headers
NO_DATA_NEEDED = {"PySide6", "lxml"}

# Libraries every Debian-based desktop has (X11, fonts, D-Bus, GLib, printing, the C++ runtime), by soname, with
# the Debian packages that give them (`a | b`: the name before and after Debian 13's 64-bit time rename, or on
# Debian 10, on which 统信 UOS 20 is based). They are taken from the desktop, as pip's PySide6 takes them, instead
# of being copied from the build machine: the build machine's fontconfig would read another distribution's
# /etc/fonts, its libstdc++ would be older than the one the desktop's input-method plugins need, and CUPS alone
# brings GnuTLS and Kerberos (9 MiB). The .deb declares them (Depends); libxcb, libGL and libEGL PyInstaller
# never copies. Two xcb helpers stay in the folder: libxcb-util.so.1 is libxcb-util0 (.so.0) on Debian 10,
# and libxcb-cursor, which needs it, came after.
SYSTEM_LIBRARIES = {
    "libstdc++.so.6": "libstdc++6", "libgcc_s.so.1": "libgcc-s1 | libgcc1",
    "libglib-2.0.so.0": "libglib2.0-0 | libglib2.0-0t64", "libgthread-2.0.so.0": "libglib2.0-0 | libglib2.0-0t64",
    "libdbus-1.so.3": "libdbus-1-3", "libcups.so.2": "libcups2 | libcups2t64",
    "libfontconfig.so.1": "libfontconfig1", "libfreetype.so.6": "libfreetype6",
    "libGL.so.1": "libgl1", "libEGL.so.1": "libegl1",
    "libX11.so.6": "libx11-6", "libX11-xcb.so.1": "libx11-xcb1", "libXau.so.6": "libxau6", "libXdmcp.so.6": "libxdmcp6",
    "libxkbcommon.so.0": "libxkbcommon0", "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb.so.1": "libxcb1", "libxcb-glx.so.0": "libxcb-glx0", "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0", "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0", "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0", "libxcb-shm.so.0": "libxcb-shm0", "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0", "libxcb-xkb.so.1": "libxcb-xkb1",
}
# the C library itself: glibc 2.28 is what the PySide6 wheels (manylinux_2_28) need, Debian 10's
C_LIBRARY = {"libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libresolv.so.2",
             "libutil.so.1", "ld-linux-x86-64.so.2"}
C_LIBRARY_PACKAGE = "libc6 (>= 2.28)"

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
    for package in sorted({module.split(".")[0] for module in imports} - NO_DATA_NEEDED):
        arguments += ["--collect-data", package]
    for module in EXCLUDED_MODULES:
        arguments += ["--exclude-module", module]
    return arguments


def executable_name(name: str, platform: str = sys.platform) -> str:
    return name + (".exe" if platform == "win32" else "")


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def needed_libraries(path: Path) -> set[str]:
    """The sonames an ELF file names as NEEDED (readelf, from binutils, which PyInstaller needs on Linux too)."""
    dynamic = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True, check=True).stdout
    return set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^]]+)\]", dynamic))


def is_elf(path: Path) -> bool:
    with open(path, "rb") as file:
        return file.read(4) == b"\x7fELF"


def leave_system_libraries_to_the_desktop(folder: Path) -> list[str]:
    """Remove the copies of SYSTEM_LIBRARIES, and what only they needed, from the built folder (Linux).
    Returns the Debian dependencies of what is left; raises SystemExit on a library that is neither in the folder
    nor known here, so a new Qt's new need is noticed at build time, not on the clerk's desktop."""
    internal = folder / "_internal"
    elf_files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink() and is_elf(p)]
    needs = {p: needed_libraries(p) for p in elf_files}
    bundled = {p.name: p for p in internal.iterdir() if p in needs}
    needed_by = {name: {p for p, libs in needs.items() if name in libs} for name in bundled}
    removed = {name for name in bundled if name in SYSTEM_LIBRARIES}
    while True:  # what only removed libraries needed goes too
        orphans = {name for name, users in needed_by.items() if name not in removed and users
                   and all(user.name in removed for user in users)}
        if not orphans:
            break
        removed |= orphans
    for name in removed:
        bundled[name].unlink()
    kept = [p for p in elf_files if p.name not in removed]
    from_system = set().union(*(needs[p] for p in kept)) - {p.name for p in kept}
    unknown = from_system - SYSTEM_LIBRARIES.keys() - C_LIBRARY
    if unknown:
        raise SystemExit(f"the folder needs {', '.join(sorted(unknown))}: bundle it or add it to SYSTEM_LIBRARIES")
    packages = {SYSTEM_LIBRARIES[name] for name in from_system - C_LIBRARY}
    return [C_LIBRARY_PACKAGE, *sorted(packages)]


@dataclass
class Built:
    name: str
    version: str
    folder: Path
    system_packages: list[str]  # Linux: the Debian packages the folder takes libraries from


def build() -> Built:
    config = project()
    name = app_name(config)
    version = check_installed_version(config)
    started = time.monotonic()
    import PyInstaller.__main__  # a build dependency only: pip install -e ".[build]"

    PyInstaller.__main__.run(pyinstaller_arguments(config, name))
    folder = DIST / name
    system_packages = leave_system_libraries_to_the_desktop(folder) if sys.platform == "linux" else []
    seconds = time.monotonic() - started
    executable = folder / executable_name(name)
    print(f"built {executable} (version {version}) in {seconds:.0f} s; "
          f"folder {folder_size(folder) / 2**20:.1f} MiB")
    return Built(name, version, folder, system_packages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deb", action="store_true",
                        help="also dist/<name>_<version>_amd64.deb (Linux, dpkg-deb): packaging/deb.py")
    parser.add_argument("--installer", action="store_true",
                        help="also dist/<name>-<version>-setup.exe (Windows, Inno Setup): "
                             "packaging/windows_installer.py")
    args = parser.parse_args()
    built = build()
    if args.deb:
        from deb import build_deb  # packaging/deb.py, beside this script

        build_deb(built)
    if args.installer:
        from windows_installer import build_installer

        build_installer(built)


if __name__ == "__main__":
    main()
