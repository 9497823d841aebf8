"""Headless Chromium for the tests that look at a page as a browser does (Debian's chromium and chromium-driver).

The shipped fonts are given to it through a private fontconfig, so the Chinese text is drawn (and printed)
the same on every machine, whatever fonts it has.
"""
from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT

CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync")
PHONE, DESKTOP = (375, 812, True), (1366, 768, False)  # CSS pixels wide, high, and whether a phone


def chromium_programs() -> tuple[str, str] | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


def private_fontconfig(folder: Path) -> Path:
    """The system's fontconfig with the shipped fonts added."""
    conf = folder / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><fontconfig>'
                    '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
                    f'<dir>{ROOT / "resources" / "fonts"}</dir><cachedir>{folder / "cache"}</cachedir>'
                    '</fontconfig>', encoding="utf-8")
    return conf


@contextlib.contextmanager
def chromium(folder: Path):
    """A fresh headless Chromium (its own profile in `folder`); the test is skipped where it is absent."""
    programs = chromium_programs()
    if programs is None:
        pytest.skip("chromium and chromedriver are not installed")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = programs[0]
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={folder / 'profile'}"):
        options.add_argument(flag)
    env = {**os.environ, "FONTCONFIG_FILE": str(private_fontconfig(folder))}
    driver = webdriver.Chrome(options=options, service=Service(programs[1], env=env))
    try:
        yield driver
    finally:
        driver.quit()


def show(driver, path: Path, width: int, height: int, phone: bool) -> None:
    """The page at `path` in a viewport of `width` × `height` CSS pixels (a phone's, with its viewport rules)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": phone})
    driver.get(path.as_uri())


def screenshot(driver, target: Path, width: int, phone: bool) -> Path:
    """The whole length of the page shown, as one picture."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": min(height, 16000), "deviceScaleFactor": 1, "mobile": phone})
    driver.save_screenshot(str(target))
    return target
