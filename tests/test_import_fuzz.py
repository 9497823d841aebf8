"""Damaged, foreign and oversized input: the importer reads what it can or refuses with a sentence,
never a traceback."""
import functools
import io
import random

import docx
from hypothesis import given, settings
from hypothesis import strategies as st

import main
from conftest import FIXTURES
from export.docx import write_docx
from export.text import report_text
from helpers import sample_report
from model.importers import UNREADABLE, ImportFailed, import_bytes, import_file

SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))
SEED_LINES = [line for seed in SEEDS for line in seed.read_text(encoding="utf-8").splitlines()]


def import_or_refuse(raw: bytes, name: str):
    """The importer's contract: an ImportResult, or ImportFailed with a Chinese sentence."""
    try:
        return import_bytes(raw, name)
    except ImportFailed as exc:
        assert str(exc).endswith("。") and "Traceback" not in str(exc)
        return None


def run_cli(path, tmp_path, capsys):
    code = main.main(["import", str(path), "-o", str(tmp_path / "out.json")])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000))
def test_random_bytes_are_refused_or_read_never_raised(raw):
    import_or_refuse(raw, "随机.txt")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(SEED_LINES), max_size=120),
       st.lists(st.tuples(st.integers(0, 119), st.sampled_from(["\t", "|", " ", "", "0", "１２", "—", "一、总体情况"])),
                max_size=30))
def test_shuffled_and_mutated_seed_lines_never_raise(lines, edits):
    lines = list(lines)
    for index, text in edits:
        if lines:
            position = index % len(lines)
            lines[position] = lines[position][: index % 7] + text + lines[position][index % 7:]
    import_or_refuse("\n".join(lines).encode("utf-8"), "拼接.txt")


def test_every_truncation_of_every_seed_is_read_in_part_or_refused():
    for seed in SEEDS:
        raw = seed.read_bytes()
        for cut in range(0, len(raw), max(1, len(raw) // 40)):
            result = import_or_refuse(raw[:cut], seed.name)
            if result is not None and cut < len(raw) * 0.8:  # the tables at the end are missing: said so
                assert result.of_kind(UNREADABLE)


def test_a_truncated_seed_on_the_command_line_exits_3_with_what_is_missing(tmp_path, capsys):
    seed = FIXTURES / "seeds" / "004_e6ee48d9f5f3b505.txt"
    text = seed.read_text(encoding="utf-8")
    (tmp_path / "cut.txt").write_text(text[: text.index("三、收到和处理")], encoding="utf-8")
    code, captured = run_cli(tmp_path / "cut.txt", tmp_path, capsys)
    assert code == 3
    assert "表三：原文中没有找到这个表格" in captured.err
    assert "五、存在的主要问题及改进情况：原文中没有找到这一部分" in captured.err


def test_random_bytes_on_the_command_line_give_one_sentence_and_exit_2(tmp_path, capsys):
    noise = random.Random(7).randbytes(5000)
    (tmp_path / "noise.docx").write_bytes(b"PK\x03\x04" + noise)
    (tmp_path / "noise.txt").write_bytes(noise)
    for name in ("noise.docx", "noise.txt"):
        code, captured = run_cli(tmp_path / name, tmp_path, capsys)
        assert code == 2
        assert captured.err.count("\n") == 1 and captured.err.strip().endswith("。")
    assert not (tmp_path / "out.json").exists()


def test_every_truncation_of_a_word_file_is_refused_with_a_sentence():
    buffer = io.BytesIO()
    write_docx(sample_report(), buffer)
    raw = buffer.getvalue()
    for cut in range(4, len(raw), len(raw) // 25):
        assert import_or_refuse(raw[:cut], "截断.docx") is None


def test_a_word_file_without_table_three_imports_the_rest_and_says_so(tmp_path, capsys):
    buffer = io.BytesIO()
    write_docx(sample_report(), buffer)
    document = docx.Document(io.BytesIO(buffer.getvalue()))
    table_three = document.tables[1]._tbl
    table_three.getparent().remove(table_three)
    document.save(tmp_path / "缺表三.docx")
    result = import_file(tmp_path / "缺表三.docx")
    assert result.report.sec2 == sample_report().sec2 and result.report.sec4 == sample_report().sec4
    assert all(v is None for row in result.report.sec3.values() for v in row.values())
    assert [n.reason for n in result.of_kind(UNREADABLE)] == ["原文中没有找到这个表格，表中各单元格留空"]
    code, captured = run_cli(tmp_path / "缺表三.docx", tmp_path, capsys)
    assert code == 3 and "表三" in captured.err


def test_a_table_of_a_thousand_rows_is_read_quickly_and_the_extra_rows_reported(tmp_path, capsys):
    text = report_text(sample_report())
    rng = random.Random(3)
    junk = "\n".join("\t".join([rng.choice(["补充说明", "3.其他", "", "合计"])]
                               + [str(rng.randint(0, 9))] * rng.randint(0, 12)) for _ in range(1000))
    text = text.replace("四、政府信息公开行政复议", junk + "\n\n四、政府信息公开行政复议")
    (tmp_path / "长表.txt").write_text(text, encoding="utf-8")
    code, captured = run_cli(tmp_path / "长表.txt", tmp_path, capsys)
    assert code == 3
    assert "在表中出现了不止一次" in captured.err
    result = import_file(tmp_path / "长表.txt")
    assert result.report.sec2 == sample_report().sec2 and result.report.sec4 == sample_report().sec4


def test_a_row_of_a_thousand_numbers_is_left_blank_and_reported():
    text = report_text(sample_report()).replace("\t\t3.其他\t2\t0\t0\t0\t0\t0\t2",
                                                "\t\t3.其他\t" + "\t".join(["1"] * 1000))
    result = import_bytes(text.encode("utf-8"), "宽行.txt")
    assert all(v is None for v in result.report.sec3["other_3"].values())
    assert any("相差太多" in n.reason and n.row == "other_3" for n in result.of_kind(UNREADABLE))


def test_foreign_files_are_named_for_what_they_are(tmp_path):
    cases = {"旧版.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "报告.pdf": b"%PDF-1.7\n" + bytes(300),
             "空.txt": b"  \n\n"}
    words = {"旧版.doc": "另存为 .docx", "报告.pdf": "PDF", "空.txt": "空文件"}
    for name, raw in cases.items():
        (tmp_path / name).write_bytes(raw)
        try:
            import_file(tmp_path / name)
        except ImportFailed as exc:
            assert words[name] in str(exc)
        else:
            raise AssertionError(name)


# ---------------------------------------------------------------- the web page, PDF and Excel readers
@functools.cache
def _web_page() -> bytes:
    from material import load_seed, trs_page
    from seed_expectations import SEEDS as EXPECTED_SEEDS
    return trs_page(load_seed(EXPECTED_SEEDS[1]))


@functools.cache
def _pdf() -> bytes:
    from export.pdf import pdf_bytes
    return pdf_bytes(sample_report())


def _workbook(tmp_path) -> bytes:
    from material import load_seed, official_xlsx
    from seed_expectations import SEEDS as EXPECTED_SEEDS
    official_xlsx(load_seed(EXPECTED_SEEDS[0]), tmp_path / "t.xlsx")
    return (tmp_path / "t.xlsx").read_bytes()


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**6), st.binary(min_size=1, max_size=8)), min_size=1, max_size=12))
def test_a_web_page_with_bytes_overwritten_is_read_or_refused(edits):
    raw = bytearray(_web_page())
    for position, replacement in edits:
        at = position % len(raw)
        raw[at:at + len(replacement)] = replacement
    import_or_refuse(bytes(raw), "年报.html")


def test_every_truncation_of_a_web_page_a_pdf_and_a_workbook_is_read_in_part_or_refused(tmp_path):
    for raw, name in ((_web_page(), "年报.html"), (_pdf(), "年报.pdf"), (_workbook(tmp_path), "年报.xlsx")):
        for cut in range(0, len(raw), max(1, len(raw) // 25)):
            import_or_refuse(raw[:cut], name)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**7), st.integers(0, 255)), min_size=1, max_size=20))
def test_a_pdf_with_bytes_changed_is_read_or_refused(edits):
    raw = bytearray(_pdf())
    for position, value in edits:
        raw[position % len(raw)] = value
    import_or_refuse(bytes(raw), "年报.pdf")

