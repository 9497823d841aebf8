"""The five published seeds import cell for cell as read by hand (tests/fixtures/expected/)."""

import pytest

from conftest import FIXTURES
from helpers import sample_report
from model.importers import GUESSED, READ, UNREADABLE, import_file
from model.importers.tables import CONFIRMED
from model.layout import NARRATIVE_KEYS, TABLES
from seed_expectations import EXPECTED, SEEDS, expected_cells, expected_for

@pytest.fixture(scope="module", params=SEEDS, ids=lambda p: p.stem[:3])
def imported(request):
    return request.param, import_file(request.param), expected_for(request.param)


def test_there_are_five_seeds_with_expected_files():
    assert len(SEEDS) == 5
    assert all((EXPECTED / f"{s.stem}.json").exists() for s in SEEDS)


def test_every_cell_of_the_three_tables_matches_the_hand_reading(imported):
    seed, result, expected = imported
    wrong = {cell: (result.report.table(cell[0])[cell[1]][cell[2]], value)
             for cell, value in expected_cells(expected).items()
             if result.report.table(cell[0])[cell[1]][cell[2]] != value}
    assert wrong == {}


def test_organ_and_year_come_from_the_title_line(imported):
    seed, result, expected = imported
    assert (result.report.organ, result.report.year) == (expected["organ"], expected["year"])
    assert result.report.title == f"{expected['organ']}{expected['year']}年政府信息公开工作年度报告"


def test_narrative_sections_come_out_paragraph_by_paragraph(imported):
    seed, result, expected = imported
    for key in NARRATIVE_KEYS:
        paragraphs = result.report.narrative(key)
        want = expected["narrative"][key]
        assert len(paragraphs) == len(want), key
        for paragraph, (kind, start, *end) in zip(paragraphs, want, strict=True):
            assert paragraph.heading == (kind == "h"), paragraph.text
            assert paragraph.text.startswith(start), paragraph.text
            if end:
                assert paragraph.text.endswith(end[0]), paragraph.text


def test_each_ambiguous_place_is_named_in_the_import_report_and_nothing_else_is_doubted(imported):
    seed, result, expected = imported
    named = {(n.table, n.row) for n in result.notes if n.kind != READ or n.reason.endswith(CONFIRMED)}
    assert named == {(a["table"], a["row"]) for a in expected["ambiguous"]}


def test_every_table_doubt_of_the_seeds_is_settled_by_the_arithmetic_so_the_import_is_certain(imported):
    seed, result, expected = imported
    assert result.count_line() == "200 个单元格：200 个确定，0 个推测，0 个未读出"
    assert result.certain
    assert not any(n.table in TABLES for n in result.of_kind(GUESSED) + result.of_kind(UNREADABLE))


def test_a_settled_doubt_quotes_the_raw_line_and_says_why():
    result = import_file(FIXTURES / "seeds" / "001_869c2ba055e881c8.txt")
    [settled] = [n for n in result.notes if n.table == "sec4" and n.reason.endswith(CONFIRMED)]
    assert settled.kind == READ and settled.where == "第 85 行"
    assert settled.line == "| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 4 | 4 |"
    assert "16 个数字" in settled.reason and "15 个" in settled.reason
    assert "复议后起诉·尚未审结 4" in settled.reason and "复议后起诉·总计 4" in settled.reason


def test_seed_001_matches_the_sample_report_entered_by_hand():
    result = import_file(FIXTURES / "seeds" / "001_869c2ba055e881c8.txt")
    sample = sample_report()
    for key in TABLES:
        assert result.report.table(key) == sample.table(key), key
    for key in NARRATIVE_KEYS:
        assert result.report.narrative(key) == sample.narrative(key), key


def test_a_clean_seed_reports_only_what_was_read():
    result = import_file(FIXTURES / "seeds" / "004_e6ee48d9f5f3b505.txt")
    assert result.certain
    assert {n.kind for n in result.notes} == {READ}
    assert "全部内容均已确定读取" in result.summary()
