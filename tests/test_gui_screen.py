"""The window on a clerk's 1366x768 office screen: it fits, it comes back as she left it, the tables fit.

Launches run in their own process on an offscreen screen of that size (a Qt application's screens are fixed
when it starts), each closing the window as the clerk does so that the next one restores what it saved."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from gui_fixtures import window  # noqa: F401 (fixture)
from PySide6.QtCore import QPoint, QRect, QSettings
from PySide6.QtWidgets import QApplication

from gui.main_window import FINDINGS_DOCK_MAX_SHARE, findings_dock_width
from gui.screen import fit_to_screen

LAUNCH = Path(__file__).resolve().parent / "screen_launch.py"
OFFICE_SCREEN = QRect(0, 0, 1366, 768)
LARGE_SCREEN = QRect(0, 0, 1920, 1080)


def launch(folder: Path, screen: QRect, dock_width: int | None = None) -> dict:
    config = folder / f"screen-{screen.width()}.json"
    config.write_text(json.dumps({"screens": [{"name": "screen", "x": 0, "y": 0, "width": screen.width(),
                                               "height": screen.height(), "logicalDpi": 96,
                                               "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    args = [sys.executable, str(LAUNCH), str(folder)] + ([str(dock_width)] if dock_width else [])
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def inside(screen: QRect, window: list[int]) -> bool:
    return screen.contains(QRect(*window))


def test_the_first_window_fits_an_office_screen():
    placed = fit_to_screen(QRect(0, 0, 1500, 900), OFFICE_SCREEN)
    assert OFFICE_SCREEN.contains(placed)
    assert placed.width() > 1300 and placed.height() > 700


def test_a_window_left_on_a_bigger_screen_comes_back_inside_this_one():
    assert OFFICE_SCREEN.contains(fit_to_screen(QRect(1700, 200, 1800, 1000), OFFICE_SCREEN))


def test_a_findings_panel_saved_too_wide_is_given_back_its_share():
    assert findings_dock_width(763, 1358) == int(1358 * FINDINGS_DOCK_MAX_SHARE)
    assert findings_dock_width(300, 1358) == 300


def test_start_and_restart_on_an_office_screen_keep_the_tables_whole(tmp_path):
    for number in (1, 2, 3):
        seen = launch(tmp_path, OFFICE_SCREEN)
        assert inside(OFFICE_SCREEN, seen["window"]), f"launch {number}: window {seen['window']}"
        assert seen["dock"] <= seen["window"][2] * FINDINGS_DOCK_MAX_SHARE, f"launch {number}: 检查结果 {seen}"
        assert seen["sideways"] == {"sec2": 0, "sec3": 0, "sec4": 0}, f"launch {number}: scrolls sideways"


def test_a_findings_panel_widened_by_the_clerk_stays_widened(tmp_path):
    widened = launch(tmp_path, OFFICE_SCREEN, dock_width=360)["dock"]
    assert launch(tmp_path, OFFICE_SCREEN)["dock"] == widened == 360


def test_a_layout_saved_by_the_old_version_is_repaired(tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("window/findings_width", 763)  # what the second launch used to leave behind
    settings.sync()
    seen = launch(tmp_path, OFFICE_SCREEN)
    assert seen["dock"] <= seen["window"][2] * FINDINGS_DOCK_MAX_SHARE
    assert seen["sideways"]["sec3"] == 0


@pytest.mark.parametrize("first, then", [(LARGE_SCREEN, OFFICE_SCREEN), (OFFICE_SCREEN, LARGE_SCREEN)])
def test_a_window_moved_between_screens_fits_the_one_it_opens_on(tmp_path, first, then):
    launch(tmp_path, first)
    seen = launch(tmp_path, then)
    assert inside(then, seen["window"])
    assert seen["sideways"]["sec3"] == 0


def test_the_headers_stay_in_view_after_scrolling_to_the_bottom_of_table_three(tmp_path):
    seen = launch(tmp_path, OFFICE_SCREEN)
    assert seen["scrolled_by"] > 0  # the last row is below the first screenful
    assert seen["header_shown"] == "申请人情况"
    assert seen["label_shown"] == "四、结转下年度继续办理"


def test_the_row_labels_stay_in_view_when_a_narrow_window_scrolls_sideways(qtbot, window):
    window.editor.show_section("sec3")
    view = window.editor.tables["sec3"].view
    view.setFixedWidth(600)  # the table's room on a small screen with 检查结果 widened
    view.go_to(view.table_model.index_of("new", "total"))  # the far right column
    QApplication.processEvents()
    assert view.horizontalScrollBar().value() > 0
    labels = view.label_pane
    first_value_row = labels.viewport().rect().topLeft() + QPoint(5, view.frozen_size()[1] + 5)
    assert labels.indexAt(first_value_row).data() == "一、本年新收政府信息公开申请数量"
    # the cell reached is beside the labels, not under them
    assert view.visualRect(view.currentIndex()).left() >= view.frozen_size()[0]
