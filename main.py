"""年报编辑器: `python main.py [FILE]` opens the editor; `python main.py COMMAND …` works headless."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from model.carryover import new_from_last_year
from model.fileio import ReportFileError, load_report, save_report
from model.report import LastYear
from model.rules import check_report, count_by_severity

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2
SAMPLE_REPORT = Path(__file__).resolve().parent / "resources" / "sample_report.json"


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_UNREADABLE


def command_check(args: argparse.Namespace) -> int:
    try:
        report = load_report(args.file)
        last = LastYear.of(load_report(args.last)) if args.last else None
    except ReportFileError as exc:
        return _fail(str(exc))
    findings = check_report(report, last)
    errors, warnings = count_by_severity(findings)
    if args.json:
        print(json.dumps([f.to_json() for f in findings], ensure_ascii=False, indent=2))
    else:
        print(f"{report.title}：{errors} 个错误，{warnings} 个警告")
        for f in findings:
            print(f"[{f.rule} {'错误' if f.severity == 'error' else '警告'}] {f.message}")
    return EXIT_ERRORS if errors else EXIT_OK


def command_new_from(args: argparse.Namespace) -> int:
    try:
        last = load_report(args.last_year_file)
        report = new_from_last_year(last, args.year)
        save_report(report, args.output)
    except ReportFileError as exc:
        return _fail(str(exc))
    print(f"已根据{last.year}年报告生成{report.year}年报告：{args.output}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="main.py", description="政府信息公开工作年度报告编辑器（命令行）")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="检查报告中的勾稽关系和常见问题")
    check.add_argument("file", help="报告文件（.json）")
    check.add_argument("--last", help="上年报告文件，用于核对上年结转和现行有效件数")
    check.add_argument("--json", action="store_true", help="以 JSON 列表输出检查结果")
    check.set_defaults(run=command_check)

    new_from = commands.add_parser("new-from", help="以上年报告为模板生成新年度报告")
    new_from.add_argument("last_year_file", help="上年报告文件（.json）")
    new_from.add_argument("--year", type=int, required=True, help="新报告的年度")
    new_from.add_argument("-o", "--output", required=True, help="新报告保存到的文件")
    new_from.set_defaults(run=command_new_from)
    return parser


COMMANDS = ("check", "new-from", "-h", "--help")


def run_command(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in COMMANDS:
        return run_command(argv)
    from gui.app import run_editor  # Qt only when a window is wanted

    return run_editor(argv[0] if argv else None, sample=SAMPLE_REPORT)


if __name__ == "__main__":
    sys.exit(main())
