"""How many of the mistakes evaluators deduct for does `check` catch, and does it stay quiet on honest text?

Each of the five published seeds gets one mistake planted at a time (text copied from last year, last year's
year or figures left in, a placeholder, a title of last year, a repealed basis, no 成文日期, no 署名, no fee
statement, all-zero tables, a figure disagreeing with the tables, a late 成文日期).  A mistake counts as caught
when `check` reports something new, in the section where the mistake stands.  The honest variants (受理 counted
as 新收 + 上年结转, a fee printed with six decimals) must add no finding.

Run: python bench/bench_review.py   (against another checkout: PYTHONPATH=that/checkout python bench/bench_review.py)
"""
import datetime as dt
import os
import re
import sys
from decimal import Decimal
from pathlib import Path

if not os.environ.get("PYTHONPATH"):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from model.importers import import_file  # noqa: E402
from model.report import LastYear, Paragraph  # noqa: E402
from model.rules import check_report  # noqa: E402

SEEDS = sorted((Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "seeds").glob("*.txt"))


def first_body(report):
    return next(p for p in report.overview if not p.heading)


def plant_copied(report, last):
    report.year += 1  # last year's text as this year's, tables as they were
    report.published = dt.date(report.year + 1, 1, 20)
    return "overview", LastYear.of(last)


def plant_stale_year(report, last):
    paragraph = first_body(report)
    paragraph.text = f"{report.year - 1}年，本单位认真落实政务公开各项要求。" + paragraph.text
    return "overview", None


def plant_stale_figures(report, last):
    report.year += 1
    report.published = dt.date(report.year + 1, 1, 20)
    for table in (report.sec3, report.sec4):  # this year's tables differ; the text kept last year's figures
        for row in table.values():
            for col in row:
                row[col] = (row[col] or Decimal(0)) * 2 + Decimal(3 if col == "natural_person" else 0)
    from model.totals import recompute_all
    recompute_all(report)
    return "overview", LastYear.of(last)


def plant_placeholder(report, last):
    for paragraph in report.overview:
        planted = re.sub(r"\d+(?=\s*(?:条|件))", "  ", paragraph.text, count=1)
        if planted != paragraph.text:
            paragraph.text = planted
            return "overview", None
    first_body(report).text += "本年度共办理  件。"
    return "overview", None


def plant_title_year(report, last):
    report.title_override = f"{report.organ}{report.year - 1}年政府信息公开工作年度报告"
    return "meta", None


def plant_repealed_basis(report, last):
    paragraph = first_body(report)
    paragraph.text = "根据《中华人民共和国政府信息公开条例》（国务院令第492号）要求，" + paragraph.text
    return "overview", None


def plant_no_date(report, last):
    report.published = None
    return "meta", None


def plant_no_signature(report, last):
    report.organ = ""
    return "meta", None


def plant_no_fee_statement(report, last):
    if not any("费" in p.text for p in report.other_matters):
        return None  # the seed says nothing on the fee of its own
    report.other_matters = [Paragraph(text="本年度无其他需要报告的事项。")]
    return "other_matters", None


def plant_all_zero(report, last):
    first_body(report).text += "本年度共收到政府信息公开申请12件，均已按期答复。"
    for table in (report.sec3, report.sec4):
        for row in table.values():
            for col in row:
                row[col] = Decimal(0)
    return "sec3", None


def plant_disagreeing_figure(report, last):
    first_body(report).text += f"本年度共收到政府信息公开申请{(report.sec3['new']['total'] or 0) + 7}件。"
    return "overview", None


def plant_late(report, last):
    report.published = dt.date(report.year + 1, 4, 20)
    return "meta", None


MISTAKES = (plant_copied, plant_stale_year, plant_stale_figures, plant_placeholder, plant_title_year,
            plant_repealed_basis, plant_no_date, plant_no_signature, plant_no_fee_statement, plant_all_zero,
            plant_disagreeing_figure, plant_late)


def honest_total_with_carried(report):
    new, carried = report.sec3["new"]["total"] or Decimal(0), report.sec3["carried_in"]["total"] or Decimal(0)
    first_body(report).text += f"本年度共受理政府信息公开申请{new + carried}件。"


def honest_long_fee(report):
    amount = report.sec2["fees"]["amount"] or Decimal(0)
    report.sec2["fees"]["amount"] = amount + Decimal("0.00004")  # printed with more decimals, rounds back


HONEST = (honest_total_with_carried, honest_long_fee)


def shown(findings):
    return {(f.rule, f.table, f.row, f.message) for f in findings}


def main() -> None:
    seeds = [import_file(seed).report for seed in SEEDS]
    for report in seeds:
        report.published = dt.date(report.year + 1, 1, 20)  # the seeds' text copies lost their date line
    caught, planted, missed, already = 0, 0, [], []
    for plant in MISTAKES:
        for index, seed in enumerate(seeds):
            report, last = seed.model_copy(deep=True), seed.model_copy(deep=True)
            before = shown(check_report(report, None))
            planting = plant(report, last)
            if planting is None:
                already.append(f"{plant.__name__} seed {index:03d}")
                continue
            section, last_year = planting
            after = shown(check_report(report, last_year))
            planted += 1
            if any(f[1] == section for f in after - before):
                caught += 1
            else:
                missed.append(f"{plant.__name__} seed {index:03d}")
    print(f"planted mistakes caught in their section: {caught}/{planted} ({100 * caught / planted:.0f} %)")
    for line in missed:
        print(f"  missed: {line}")
    for line in already:
        print(f"  not planted, the seed has this mistake of its own: {line}")
    alarms, offered = [], 0
    for variant in HONEST:
        for index, seed in enumerate(seeds):
            report = seed.model_copy(deep=True)
            before = {f for f in check_report(report, None)}
            variant(report)
            added = [f for f in check_report(report, None) if f not in before]
            offered += sum(f.rule == "W6" for f in added)  # the rounded amount offered, as the format wants
            alarms += [f"{variant.__name__} seed {index:03d}: {f.rule} {f.message}" for f in added if f.rule != "W6"]
    print(f"honest variants raising an error or a contradiction: {len(alarms)}/{len(HONEST) * len(seeds)} "
          f"(rounded amount offered as a warning: {offered})")
    for line in alarms:
        print(f"  false alarm: {line}")


if __name__ == "__main__":
    main()
