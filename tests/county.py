"""Generated units' reports for the 汇总 tests and bench: consistent tables, their own sentences."""
from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from model.layout import SEC3_APPLICANT_COLUMNS, SEC3_RESULT_ROWS, TABLES
from model.report import Paragraph, Report
from model.totals import recompute_all


def unit_report(organ: str, year: int, seed: int, last: Report | None = None, new_scale: int = 10) -> Report:
    """A report whose tables satisfy every rule, last year's (W1, W2) included when `last` is given."""
    rng = random.Random(seed)
    report = Report(organ=organ, year=year, published=dt.date(year + 1, 1, 20))
    computed = {key: layout.computed_keys() for key, layout in TABLES.items()}
    for key, layout in TABLES.items():
        table = report.table(key)
        for r, c in layout.value_keys():
            if (r, c) not in computed[key]:
                table[r][c] = Decimal(rng.randint(0, 30))
    if last is not None:
        for row in ("regulations", "normative_documents"):
            cells = report.sec2[row]
            cells["repealed"] = min(cells["repealed"], last.sec2[row]["in_force"] + cells["issued"])
            cells["in_force"] = last.sec2[row]["in_force"] + cells["issued"] - cells["repealed"]
    report.sec2["fees"]["amount"] = Decimal(rng.randint(0, 99999)) / Decimal(10000)
    sec3 = report.sec3
    for col in SEC3_APPLICANT_COLUMNS:
        new = rng.randint(0, new_scale)
        carried = int(last.sec3["carried_out"][col]) if last is not None else rng.randint(0, 2)
        carried_out = rng.randint(0, min(2, new + carried))
        handled = new + carried - carried_out
        sec3["new"][col], sec3["carried_in"][col], sec3["carried_out"][col] = map(Decimal, (new, carried, carried_out))
        for row in SEC3_RESULT_ROWS:
            sec3[row][col] = Decimal(0)
        for _ in range(handled):
            sec3[rng.choice(SEC3_RESULT_ROWS)][col] += 1
    recompute_all(report)
    report.overview = [
        Paragraph(text="（一）主动公开情况", heading=True),
        Paragraph(text=f"{year}年，{organ}围绕第{seed}号工作要点，在门户网站第{seed % 7 + 1}栏目集中公开"
                       f"规划计划、财政预决算和重点项目信息，累计更新栏目{seed % 90 + 10}次，编号{seed}。")]
    report.problems = [Paragraph(text=f"{organ}在第{seed}项工作中政策解读形式还比较单一，"
                                      f"下一步将结合编号{seed}的任务加强图表和视频解读。")]
    report.other_matters = [Paragraph(text="本年度未收取信息处理费。")]
    return report

