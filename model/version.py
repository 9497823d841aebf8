"""The program's version: [project] version in pyproject.toml, as pip recorded it in the package's metadata
(packaging/build.py copies that metadata into the built folder and refuses to build when the two differ)."""
from __future__ import annotations

APP_NAME = "年报编辑器"
DISTRIBUTION = "nianbao-editor"  # [project] name in pyproject.toml
NOT_INSTALLED = "（未安装的源代码）"


def application_version() -> str:
    from importlib.metadata import PackageNotFoundError, version  # only 关于 and --version ask: not worth start-up time

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # run from a checkout that was never pip-installed
        return NOT_INSTALLED
