"""A saving process killed at random moments (kill -9, or TerminateProcess on Windows): the report and its .bak
always open, and the next save removes the temporary files the killed saves left."""
import random
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from conftest import ROOT
from model.fileio import backup_path, load_report, save_report
from model.report import Paragraph

KILLS = 100
WORKERS = 4  # folders saved and killed side by side, so the hundred kills take seconds, not a minute

# saves two alternating versions of a report of some 300 KB (a save takes long enough to be hit in the middle)
SAVING_LOOP = r"""
import sys
from model.fileio import load_report, save_report
from model.report import Paragraph
path = sys.argv[1]
report = load_report(sys.argv[2])
report.overview += [Paragraph(text="本年度依法主动公开政府信息。" * 40) for _ in range(300)]
print("ready", flush=True)
while True:
    for organ in ("甲县人民政府", "乙县人民政府"):
        report.organ = organ
        save_report(report, path)
"""


def kill_during_saves(folder, kills: int, seed: int) -> list[str]:
    """Start the saving loop and kill it `kills` times; the damage found after each kill."""
    chance = random.Random(seed)
    path = folder / "report.json"
    damage = []
    for number in range(kills):
        child = subprocess.Popen([sys.executable, "-c", SAVING_LOOP, str(path), str(ROOT / "resources" / "sample_report.json")],
                                 cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                 env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
        try:
            assert child.stdout.readline().strip() == "ready"
            try:
                child.wait(timeout=chance.uniform(0.01, 0.25))
            except subprocess.TimeoutExpired:
                pass
        finally:
            child.kill()
            child.wait(timeout=30)
            child.stdout.close()
        for copy in (path, backup_path(path)):
            if copy.exists():
                try:
                    assert load_report(copy).organ in ("甲县人民政府", "乙县人民政府", "济源市人民政府")
                except Exception as exc:  # noqa: BLE001 - every kind of damage is counted, not only the expected
                    damage.append(f"kill {number}: {copy.name}: {exc}")
    return damage


def test_killing_saves_never_damages_the_report_or_its_backup(tmp_path):
    folders = [tmp_path / f"worker{n}" for n in range(WORKERS)]
    for folder in folders:
        folder.mkdir()
    with ThreadPoolExecutor(WORKERS) as pool:
        damage = sum(pool.map(kill_during_saves, folders, [KILLS // WORKERS] * WORKERS, range(WORKERS)), [])
    assert damage == []
    for folder in folders:
        path = folder / "report.json"
        assert load_report(path).organ in ("甲县人民政府", "乙县人民政府")
        report = load_report(path)
        report.overview.append(Paragraph(text="再次保存。"))
        save_report(report, path)  # the next save removes what the killed ones left
        assert sorted(p.name for p in folder.iterdir()) == ["report.json", "report.json.bak"]
