"""The Debian package for 统信 UOS, 麒麟 Kylin and any Debian-based desktop: `python packaging/build.py --deb`.

dist/<name>_<version>_amd64.deb, made by dpkg-deb from the one folder build.py has just built:
  /opt/<name>/                        the folder (the program and the Python it runs on)
  /usr/bin/<name>                     a relative link to /opt/<name>/<name>: the editor, and the command line
  /usr/share/applications/<name>.desktop, /usr/share/mime/packages/<name>.xml (our file type, model/filetype.py),
  /usr/share/metainfo/<name>.metainfo.xml (AppStream, for software centres),
  /usr/share/icons/hicolor/N×N/{apps,mimetypes}/  the icon of packaging/draw_icon.py, drawn at each size
Depends lists the Debian packages of the libraries the folder takes from the desktop (build.SYSTEM_LIBRARIES).
The templates are in packaging/linux/; `$name`-style fields are filled from pyproject.toml and model/filetype.py.
xz-compressed: the dpkg of Debian 10 (on which 统信 UOS 20 is based) cannot read zstd.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from string import Template

from build import DIST, ROOT, Built, folder_size, project
from draw_icon import draw
from PIL import Image

sys.path.insert(0, str(ROOT))  # this checkout's model/, not an installed copy's
from model.filetype import EXTENSION, MIME_TYPE, TYPE_NAME  # noqa: E402

TEMPLATES = Path(__file__).resolve().parent / "linux"
STAGING = ROOT / "build" / "deb"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)  # hicolor's usual sizes; 512 for software centres


def mime_icon_name() -> str:
    """The icon name freedesktop derives from a MIME type: application/x-a+json → application-x-a+json."""
    return MIME_TYPE.replace("/", "-")


def fields(built: Built) -> dict[str, str]:
    config = project()
    return {"name": built.name, "version": built.version, "mime_type": MIME_TYPE, "mime_icon": mime_icon_name(),
            "extension": EXTENSION, "type_name": TYPE_NAME, "app_id": built.name,
            "display_name": config["tool"]["nianbao-build"]["display-name"],
            "description": config["project"]["description"],
            "maintainer": config["tool"]["nianbao-build"]["maintainer"],
            "depends": ", ".join(built.system_packages)}


def write_template(template: str, target: Path, values: dict[str, str]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(Template((TEMPLATES / template).read_text(encoding="utf-8")).substitute(values), encoding="utf-8")


def draw_icons(share: Path, name: str) -> None:
    drawn = draw()
    for size in ICON_SIZES:
        icon = drawn.resize((size, size), Image.Resampling.LANCZOS)
        for kind, icon_name in (("apps", name), ("mimetypes", mime_icon_name())):
            path = share / "icons" / "hicolor" / f"{size}x{size}" / kind / f"{icon_name}.png"
            path.parent.mkdir(parents=True, exist_ok=True)
            icon.save(path)


def normalise_permissions(root: Path) -> None:
    """What dpkg expects whatever the build machine's umask: folders and programs 0755, other files 0644."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir() or path.stat().st_mode & 0o100:
            path.chmod(0o755)
        else:
            path.chmod(0o644)


def stage(built: Built) -> Path:
    values = fields(built)
    shutil.rmtree(STAGING, ignore_errors=True)
    root = STAGING / "root"
    shutil.copytree(built.folder, root / "opt" / built.name, symlinks=True)
    launcher = root / "usr" / "bin" / built.name
    launcher.parent.mkdir(parents=True)
    launcher.symlink_to(Path("..", "..", "opt", built.name, built.name))  # relative: right inside any root
    share = root / "usr" / "share"
    write_template("nianbao.desktop", share / "applications" / f"{built.name}.desktop", values)
    write_template("nianbao-mime.xml", share / "mime" / "packages" / f"{built.name}.xml", values)
    write_template("nianbao.metainfo.xml", share / "metainfo" / f"{built.name}.metainfo.xml", values)
    draw_icons(share, built.name)
    normalise_permissions(root)
    control = root / "DEBIAN"
    values["installed_size"] = str(folder_size(root) // 1024)
    write_template("control", control / "control", values)
    for script in ("postinst", "postrm"):
        shutil.copy(TEMPLATES / script, control / script)
        (control / script).chmod(0o755)  # whatever the checkout kept of the executable bit
    normalise_permissions(control)
    return root


def build_deb(built: Built) -> Path:
    root = stage(built)
    package = DIST / f"{built.name}_{built.version}_amd64.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(package)], check=True,
                   stdout=subprocess.DEVNULL)
    print(f"built {package}: {package.stat().st_size / 2**20:.1f} MiB; Depends: {fields(built)['depends']}")
    return package
