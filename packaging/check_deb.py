"""Check the built .deb as a desktop would use it: `python packaging/check_deb.py dist/nianbao_*.deb [--install]`.

Unpacked with `dpkg-deb -x` into a temporary root: the files where a desktop looks for them, the menu entry valid
under desktop-file-validate and opening our file type, the MIME XML naming our extension, every icon the size its
folder says, the unpacked launcher running `--version`, `check` and `export --pdf` on the sample, and Depends naming
the package of every library the folder leaves to the desktop, each found on this machine. With --install (as root
or through sudo, on a throwaway machine such as CI): installed with apt-get (which fetches the Depends) or dpkg -i,
the libraries found then, the command and the desktop's databases checked, then `dpkg --purge`, after which nothing
of ours may be left. Exits non-zero on the first failure.
"""
from __future__ import annotations

import argparse
import configparser
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Callable

from build import ROOT, is_elf, needed_libraries
from PIL import Image

sys.path.insert(0, str(ROOT))  # this checkout's model/, not an installed copy's
from model.filetype import EXTENSION, MIME_TYPE  # noqa: E402

SAMPLE = ROOT / "resources" / "sample_report.json"
MIME_NAMESPACE = "{http://www.freedesktop.org/standards/shared-mime-info}"
AS_ROOT = [] if os.geteuid() == 0 else ["sudo"]
SHARED_DATABASES = [Path("/usr/share/mime"), Path("/usr/share/applications")]


class CheckFailed(Exception):
    pass


def require(condition: bool, failure: str) -> None:
    if not condition:
        raise CheckFailed(failure)


def run(*command: str | Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in command], capture_output=True, text=True, timeout=120, **kwargs)


def control_field(package: Path, field: str) -> str:
    return run("dpkg-deb", "--field", package, field).stdout.strip()


def check_layout(root: Path, name: str) -> None:
    for path in (f"opt/{name}/{name}", f"usr/bin/{name}", f"usr/share/applications/{name}.desktop",
                 f"usr/share/mime/packages/{name}.xml", f"usr/share/metainfo/{name}.metainfo.xml",
                 f"opt/{name}/_internal/resources/sample_report.json"):
        require((root / path).exists(), f"{path} is not in the package")
    launcher = root / "usr" / "bin" / name
    require(launcher.is_symlink() and launcher.resolve() == (root / "opt" / name / name).resolve(),
            f"/usr/bin/{name} does not lead to /opt/{name}/{name}")
    outside = {p.name for p in root.iterdir()} - {"opt", "usr"}
    require(not outside, f"the package writes outside /opt and /usr: {sorted(outside)}")
    print(f"layout: /opt/{name}, /usr/bin/{name} → /opt/{name}/{name}, menu entry, MIME type, AppStream")


def check_desktop_entry(root: Path, name: str) -> None:
    entry = root / "usr" / "share" / "applications" / f"{name}.desktop"
    if shutil.which("desktop-file-validate"):
        result = run("desktop-file-validate", entry)
        require(result.returncode == 0 and not result.stdout.strip(), f"desktop-file-validate: {result.stdout}")
    else:
        print("desktop-file-validate is not installed (Debian desktop-file-utils): entry not validated")
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(entry, encoding="utf-8")
    desktop = parser["Desktop Entry"]
    require(desktop["Name"] == "政府信息公开年报编辑器", f"Name is {desktop['Name']}")
    require("Office" in desktop["Categories"].split(";"), "not in the Office menu")
    require(MIME_TYPE in desktop["MimeType"].split(";"), f"the entry does not open {MIME_TYPE}")
    require(desktop["Exec"].split()[0] == name and "%f" in desktop["Exec"], f"Exec is {desktop['Exec']}")
    print(f"menu entry: valid, {desktop['Name']} in Office, opens {MIME_TYPE}")


def check_metainfo(root: Path, name: str) -> None:
    """Software centres read it; appstreamcli's warning that the id "nianbao" is not a reverse domain name is
    taken: the project has no domain of its own."""
    metainfo = root / "usr" / "share" / "metainfo" / f"{name}.metainfo.xml"
    if not shutil.which("appstreamcli"):
        print("appstreamcli is not installed (Debian appstream): metainfo not validated")
        return
    result = run("appstreamcli", "validate", "--no-net", "--override=cid-desktopapp-is-not-rdns=info", metainfo)
    require(result.returncode == 0, f"appstreamcli: {result.stdout}")
    print("AppStream metainfo: valid")


def check_mime_type(root: Path, name: str) -> None:
    tree = ElementTree.parse(root / "usr" / "share" / "mime" / "packages" / f"{name}.xml")
    types = {t.get("type"): t for t in tree.getroot().iter(f"{MIME_NAMESPACE}mime-type")}
    require(MIME_TYPE in types, f"the MIME XML does not define {MIME_TYPE}")
    globs = [g.get("pattern") for g in types[MIME_TYPE].iter(f"{MIME_NAMESPACE}glob")]
    require(globs == ["*" + EXTENSION], f"the MIME type's globs are {globs}")
    print(f"MIME type: {MIME_TYPE} for *{EXTENSION}")


def check_icons(root: Path, name: str) -> None:
    hicolor = root / "usr" / "share" / "icons" / "hicolor"
    icons = sorted(hicolor.glob("*/*/*.png"))
    require(icons, "no icons")
    sizes = set()
    for icon in icons:
        folder_size = icon.parent.parent.name
        with Image.open(icon) as image:
            require(f"{image.width}x{image.height}" == folder_size, f"{icon.relative_to(root)} is {image.size}")
        sizes.add(image.width)
    mime_icon = MIME_TYPE.replace("/", "-")
    for size in sizes:
        for kind, icon_name in (("apps", name), ("mimetypes", mime_icon)):
            require((hicolor / f"{size}x{size}" / kind / f"{icon_name}.png").is_file(), f"{kind} icon {size} missing")
    require({16, 32, 48, 256} <= sizes, f"icon sizes {sorted(sizes)}")
    print(f"icons: {len(icons)} files, each the size of its folder: {', '.join(map(str, sorted(sizes)))}")


def unresolved_libraries(folder: Path) -> set[str]:
    """Libraries ldd finds neither in the folder nor on this machine (the folder's own are found through
    LD_LIBRARY_PATH, as the program's loader sets it)."""
    missing = set()
    internal = folder / "_internal"
    for library in [*internal.rglob("*.so"), *internal.rglob("*.so.*")]:
        result = run("ldd", library, env={"LD_LIBRARY_PATH": str(internal), "PATH": "/usr/bin:/bin"})
        missing |= {line.split()[0] for line in result.stdout.splitlines() if "not found" in line}
    return missing


def system_library_packages(folder: Path) -> dict[str, str]:
    """Each library the folder's files name but do not carry, with the Debian package that gives it here."""
    elf_files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink() and is_elf(p)]
    from_system = set().union(*map(needed_libraries, elf_files)) - {p.name for p in elf_files}
    cache = {}
    for line in run("ldconfig", "-p").stdout.splitlines()[1:]:
        soname, _, path = line.strip().partition(" => ")
        if "x86-64" in soname:
            cache.setdefault(soname.split()[0], path)
    packages = {}
    for soname in from_system:
        path = cache.get(soname, soname)
        # with merged /usr, ldconfig says /lib/… and dpkg knows /usr/lib/…
        owner = run("dpkg", "-S", path).stdout or run("dpkg", "-S", "/usr" + path).stdout
        packages[soname] = owner.split(":")[0] if owner else f"no package ({path})"
    return packages


def check_dependencies(package: Path, root: Path, name: str) -> None:
    depends = control_field(package, "Depends")
    declared = {choice.split()[0] for group in depends.split(",") for choice in group.split("|")}
    folder = root / "opt" / name
    missing = unresolved_libraries(folder)
    require(not missing, f"libraries neither in the folder nor on this machine: {sorted(missing)}")
    undeclared = {soname: owner for soname, owner in system_library_packages(folder).items() if owner not in declared}
    require(not undeclared, f"taken from the system but not in Depends: {undeclared}")
    print(f"Depends: {len(depends.split(','))} packages, naming the package of every library the folder "
          f"takes from the system; each of them resolves here")


def check_launcher(launcher: Path, version: str, scratch: Path) -> None:
    report = scratch / f"济源2021{EXTENSION}"
    shutil.copy(SAMPLE, report)
    environment = {"PATH": "/usr/bin:/bin", "HOME": str(scratch), "LANG": "C.UTF-8"}
    shown = run(launcher, "--version", env=environment)
    require(shown.returncode == 0 and shown.stdout.split()[-1] == version, f"--version: {shown.stdout}{shown.stderr}")
    checked = run(launcher, "check", report, env=environment)
    require(checked.returncode in (0, 1) and "个错误" in checked.stdout, f"check: {checked.stdout}{checked.stderr}")
    pdf = scratch / "济源2021.pdf"
    exported = run(launcher, "export", report, "--pdf", pdf, env=environment)
    require(exported.returncode in (0, 1) and pdf.read_bytes().startswith(b"%PDF"), f"export: {exported.stderr}")
    print(f"{launcher}: {shown.stdout.strip()}; check: {checked.stdout.splitlines()[0]}; "
          f"export --pdf: {pdf.stat().st_size} bytes")


def ours_in_databases(name: str) -> list[str]:
    """Files of the desktop's generated databases that still mention our program or file type."""
    found = run("grep", "-rl", "-e", MIME_TYPE, "-e", f"{name}.desktop", *SHARED_DATABASES).stdout
    return found.split()


def check_install_and_purge(package: Path, name: str, version: str, scratch: Path,
                            while_installed: Callable[[], None]) -> None:
    installer = (["apt-get", "install", "-y", "--no-install-recommends", package.resolve()] if shutil.which("apt-get")
                 else ["dpkg", "-i", package])
    installed = run(*AS_ROOT, "env", "DEBIAN_FRONTEND=noninteractive", *installer)
    require(installed.returncode == 0, f"install: {installed.stdout}{installed.stderr}")
    try:
        owned = [Path(line) for line in run("dpkg", "-L", name).stdout.split()]
        while_installed()
        check_launcher(Path("/usr/bin") / name, version, scratch)
        if shutil.which("update-mime-database"):
            require((Path("/usr/share/mime/application") / f"{MIME_TYPE.split('/')[1]}.xml").is_file(),
                    "update-mime-database did not learn our file type")
        if shutil.which("update-desktop-database"):  # what a double-click on a report asks
            handlers = Path("/usr/share/applications/mimeinfo.cache").read_text(encoding="utf-8")
            require(f"{MIME_TYPE}={name}.desktop;" in handlers, "the desktop does not open our file type with us")
    finally:
        purged = run(*AS_ROOT, "dpkg", "--purge", name)
    require(purged.returncode == 0, f"dpkg --purge: {purged.stderr}")
    left = [str(p) for p in owned if p.is_file() or p.is_symlink() or (p.is_dir() and name in p.name)]
    require(not left, f"left after dpkg --purge: {left[:10]}")
    left_in_databases = ours_in_databases(name)
    require(not left_in_databases, f"the desktop's databases still name us: {left_in_databases}")
    print(f"installed, ran /usr/bin/{name}, purged: none of the {len(owned)} paths left, databases clean")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path)
    parser.add_argument("--install", action="store_true", help="also install, run, dpkg --purge (as root or with sudo)")
    args = parser.parse_args()
    name, version = control_field(args.package, "Package"), control_field(args.package, "Version")
    with tempfile.TemporaryDirectory() as temporary:
        root, scratch = Path(temporary) / "root", Path(temporary) / "scratch"
        scratch.mkdir()
        try:
            unpacked = run("dpkg-deb", "-x", args.package, root)
            require(unpacked.returncode == 0, f"dpkg-deb -x: {unpacked.stderr}")
            check_layout(root, name)
            check_desktop_entry(root, name)
            check_mime_type(root, name)
            check_metainfo(root, name)
            check_icons(root, name)
            check_launcher(root / "usr" / "bin" / name, version, scratch)
            if args.install:  # on a fresh machine the libraries are there only because Depends brought them
                check_install_and_purge(args.package, name, version, scratch,
                                        lambda: check_dependencies(args.package, root, name))
            else:
                check_dependencies(args.package, root, name)
        except CheckFailed as failure:
            print(f".deb check FAILED: {failure}", file=sys.stderr)
            return 1
    size = args.package.stat().st_size / 2**20
    print(f".deb check passed: {args.package} ({size:.1f} MiB, version {version})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
