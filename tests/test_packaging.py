"""What can be checked here of the packages (the build itself is checked by .ci/run: packaging/smoke_test.sh,
packaging/check_deb.py): the Windows installer script, which cannot be compiled or run on Linux, names the folder and
executable build.py makes and registers our file type for the user only; the Linux desktop files fill in whole."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT
from model.filetype import EXTENSION, MIME_TYPE

sys.path.insert(0, str(ROOT / "packaging"))
import build  # noqa: E402
import deb  # noqa: E402
import windows_installer  # noqa: E402

CONFIG = build.project()
NAME = build.app_name(CONFIG)
VERSION = CONFIG["project"]["version"]


def iss_text() -> str:
    """The script as ISCC sees it: build.py's /D defines and the script's own #defines put in."""
    text = windows_installer.SCRIPT.read_text(encoding="utf-8")
    defines = windows_installer.iscc_defines(NAME, VERSION)
    for key, expression in re.findall(r'^#define (\w+) (.+)$', text, flags=re.M):
        parts = [defines[p] if p in defines else p.strip('"') for p in (s.strip() for s in expression.split("+"))]
        defines[key] = "".join(parts)
    used = set(re.findall(r"\{#(\w+)\}", text))
    assert used <= defines.keys(), f"the script uses defines no one passes: {used - defines.keys()}"
    return re.sub(r"\{#(\w+)\}", lambda m: defines[m.group(1)], text)


def section(text: str, name: str) -> list[str]:
    body = text.split(f"[{name}]\n", 1)[1].split("\n[", 1)[0]
    return [line for line in body.splitlines() if line and not line.startswith((";", "#"))]


def entry(line: str) -> dict[str, str]:
    """`Name: "x"; Flags: y` → {"Name": "x", "Flags": "y"} (a "" inside a value is one quote, as Inno writes it)."""
    fields = re.findall(r'(\w+): ("(?:[^"]|"")*"|[^;]*)', line)
    return {key: value.strip()[1:-1].replace('""', '"') if value.startswith('"') else value.strip()
            for key, value in fields}


def setup_value(text: str, key: str) -> str:
    return next(line.split("=", 1)[1] for line in section(text, "Setup") if line.startswith(key + "="))


def test_the_installer_packs_the_folder_build_py_makes_and_starts_its_executable():
    text = iss_text()
    [files] = [entry(line) for line in section(text, "Files")]
    source = files["Source"].removesuffix("\\*").replace("\\", "/")
    assert (windows_installer.SCRIPT.parent / source).resolve() == build.DIST / NAME
    assert "recursesubdirs" in files["Flags"] and files["DestDir"] == "{app}"
    executable = "{app}\\" + build.executable_name(NAME, "win32")
    started = [entry(line)["Filename"] for line in section(text, "Icons") + section(text, "Run")]
    assert started and set(started) == {executable}
    assert setup_value(text, "UninstallDisplayIcon") == executable
    icon = (windows_installer.SCRIPT.parent / setup_value(text, "SetupIconFile").replace("\\", "/")).resolve()
    assert icon == ROOT / CONFIG["tool"]["nianbao-build"]["icon"] and icon.is_file()
    assert setup_value(text, "OutputBaseFilename") == f"{NAME}-{VERSION}-setup"


def test_the_installer_needs_no_administrator_and_installs_into_the_users_programs_folder():
    text = iss_text()
    assert setup_value(text, "PrivilegesRequired") == "lowest"
    assert setup_value(text, "DefaultDirName") == "{userpf}\\" + NAME  # %LOCALAPPDATA%\Programs\nianbao
    assert [entry(line)["Name"] for line in section(text, "Icons")][0] == "{userprograms}\\政府信息公开年报编辑器"


def test_the_installer_registers_our_file_type_for_this_user_and_removes_it_again():
    text = iss_text()
    registry = [entry(line) for line in section(text, "Registry")]
    assert {r["Root"] for r in registry} == {"HKCU"}
    by_key = {(r["Subkey"], r.get("ValueName")): r for r in registry}
    extension_key = "Software\\Classes\\" + EXTENSION
    prog_id = by_key[(extension_key, "")]["ValueData"]
    assert by_key[(extension_key, "Content Type")]["ValueData"] == MIME_TYPE
    command = by_key[(f"Software\\Classes\\{prog_id}\\shell\\open\\command", "")]["ValueData"]
    assert command == '"{app}\\' + build.executable_name(NAME, "win32") + '" "%1"'
    assert "uninsdeletekey" in by_key[(f"Software\\Classes\\{prog_id}", "")]["Flags"]
    assert all("uninsdelete" in by_key[(extension_key, name)]["Flags"] for name in ("", "Content Type"))
    assert not any(".json" in r["Subkey"] for r in registry)  # .json stays with whatever opens it today


def test_the_linux_desktop_files_fill_in_whole_and_the_menu_entry_is_valid(tmp_path):
    fields = deb.fields(build.Built(NAME, VERSION, tmp_path, ["libc6 (>= 2.28)"])) | {"installed_size": "1"}
    for template in ("nianbao.desktop", "nianbao-mime.xml", "nianbao.metainfo.xml", "control"):
        deb.write_template(template, tmp_path / template, fields)
        assert "$" not in (tmp_path / template).read_text(encoding="utf-8"), template
    desktop = (tmp_path / "nianbao.desktop").read_text(encoding="utf-8")
    assert "Name=政府信息公开年报编辑器\n" in desktop and f"MimeType={MIME_TYPE};\n" in desktop
    assert f'<glob pattern="*{EXTENSION}"/>' in (tmp_path / "nianbao-mime.xml").read_text(encoding="utf-8")
    if shutil.which("desktop-file-validate") is None:
        pytest.skip("desktop-file-validate is not installed (Debian desktop-file-utils)")
    result = subprocess.run(["desktop-file-validate", str(tmp_path / "nianbao.desktop")],
                            capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (0, "")
