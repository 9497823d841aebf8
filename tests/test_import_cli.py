"""`python main.py import PATH -o OUT.json`: exit 0 certain, 3 with guesses listed on stderr, 2 unreadable."""
import subprocess
import sys
from decimal import Decimal

import main
from conftest import FIXTURES, ROOT
from model.fileio import load_report

SEEDS = FIXTURES / "seeds"


def test_a_clean_seed_imports_with_exit_0_and_a_loadable_report(tmp_path, capsys):
    code = main.main(["import", str(SEEDS / "004_e6ee48d9f5f3b505.txt"), "-o", str(tmp_path / "2021.json")])
    captured = capsys.readouterr()
    assert code == 0 and captured.err == ""
    assert "全部内容均已确定读取" in captured.out
    report = load_report(tmp_path / "2021.json")
    assert report.organ == "驻马店经济开发区管委会" and report.sec2["fees"]["amount"] == Decimal("1165.5066")


def test_a_doubt_the_arithmetic_settles_gives_exit_0_and_the_cell_count_first(tmp_path, capsys):
    # seed 001 prints 16 numbers for table 四's 15 cells; only one reading keeps E4, so nothing is guessed
    code = main.main(["import", str(SEEDS / "001_869c2ba055e881c8.txt"), "-o", str(tmp_path / "out.json")])
    captured = capsys.readouterr()
    assert code == 0 and captured.err == ""
    assert captured.out.splitlines()[0] == "200 个单元格：200 个确定，0 个推测，0 个未读出"
    assert load_report(tmp_path / "out.json").sec4["counts"]["after_review_total"] == 4


def test_guesses_give_exit_3_and_are_listed_on_stderr_with_the_raw_line(tmp_path, capsys):
    damaged = (SEEDS / "001_869c2ba055e881c8.txt").read_text(encoding="utf-8").replace(
        "| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 4 | 4 |", "| 0 | 0 | 0 | 0 | 4 | 4 |")
    (tmp_path / "copy.txt").write_text(damaged, encoding="utf-8")
    code = main.main(["import", str(tmp_path / "copy.txt"), "-o", str(tmp_path / "out.json")])
    captured = capsys.readouterr()
    assert code == 3
    assert captured.out.splitlines()[0] == "200 个单元格：185 个确定，0 个推测，15 个未读出"
    assert captured.err.startswith("[无法读取] 表四：这一行有 6 个数字")
    assert "原文：| 0 | 0 | 0 | 0 | 4 | 4 |" in captured.err


def test_the_imported_report_goes_straight_into_check(tmp_path, capsys):
    main.main(["import", str(SEEDS / "001_869c2ba055e881c8.txt"), "-o", str(tmp_path / "out.json")])
    capsys.readouterr()
    assert main.main(["check", str(tmp_path / "out.json")]) == 0
    out = capsys.readouterr().out
    assert "[W4 警告]" in out and "行政复议和行政诉讼 0 件" in out  # the narrative contradicts table 四


def test_the_command_runs_as_a_program(tmp_path):
    missing = tmp_path / "没有这个文件.docx"
    command = [sys.executable, str(ROOT / "main.py"), "import", str(missing), "-o", str(tmp_path / "o.json")]
    done = subprocess.run(command,
                          capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip() == f"找不到文件“{missing}”。"


def test_an_error_nobody_foresaw_still_ends_in_one_sentence_and_exit_2(tmp_path, capsys, monkeypatch):
    import model.importers as importers
    from bombs import import_file_with_a_fault_nobody_foresaw

    monkeypatch.setattr(importers, "import_file", import_file_with_a_fault_nobody_foresaw)  # run in the child
    code = main.main(["import", str(SEEDS / "004_e6ee48d9f5f3b505.txt"), "-o", str(tmp_path / "out.json")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "技术支持" in err and "Traceback" not in err


def test_last_year_s_report_settles_a_table_two_row_the_page_ran_together(tmp_path, capsys):
    from flattened_pages import flattened_page
    from material import load_seed
    from model.fileio import save_report
    from model.report import Report

    (tmp_path / "page.txt").write_text(flattened_page(load_seed(SEEDS / "001_869c2ba055e881c8.txt"), "Hanweb",
                                                      "as_served"), encoding="utf-8")
    last = Report(organ="济源市人民政府", year=2020)
    last.sec2["normative_documents"]["in_force"] = Decimal(804)
    save_report(last, tmp_path / "2020.json")
    code = main.main(["import", str(tmp_path / "page.txt"), "-o", str(tmp_path / "2021.json"),
                      "--last", str(tmp_path / "2020.json")])
    captured = capsys.readouterr()
    assert code == 3 and captured.out.splitlines()[0] == "200 个单元格：197 个确定，3 个推测，0 个未读出"
    assert "按2020年报告的现行有效 804 件核对" in captured.err
    assert load_report(tmp_path / "2021.json").sec2["normative_documents"]["in_force"] == 436
