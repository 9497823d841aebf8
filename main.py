"""年报编辑器: `python main.py [FILE]` opens the editor; `python main.py COMMAND …` works headless."""
from __future__ import annotations

import argparse
import copy
import json
import os
import sys
from pathlib import Path

# a pydantic plugin installed on the clerk's machine has no business in our file format, and looking for one
# reads the metadata of every installed package (a few ms on every start); set before the model imports pydantic
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from model.fileio import ReportFileError, load_report, save_report
from model.filetype import extensions_named, is_report_file
from model.report import LastYear
from model.findings import SEVERITY_NAMES, count_by_severity, tally
from model.os_errors import describe
from model.rules import check_report

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2
EXIT_GUESSED = 3  # import: the report was read, but some of it is a guess or could not be read
SAMPLE_REPORT = Path(__file__).resolve().parent / "resources" / "sample_report.json"


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_UNREADABLE


def read_last_year(path: str) -> LastYear:
    """Last year's report from our own file or from any format import reads (Word, PDF, web page …)."""
    if is_report_file(path):
        return LastYear.of(load_report(path))
    from model.importers import ImportFailed, import_file_bounded

    try:
        return LastYear.of(import_file_bounded(path).report)
    except ImportFailed as exc:
        raise ReportFileError(str(exc)) from None


def command_check(args: argparse.Namespace) -> int:
    try:
        report = load_report(args.file)
        last = read_last_year(args.last) if args.last else None
    except ReportFileError as exc:
        return _fail(str(exc))
    for note in report.opening_notes:
        print(note, file=sys.stderr)
    findings = check_report(report, last)
    explanations = report.explanations
    counts = tally(findings, explanations)
    if args.json:
        print(json.dumps([f.to_json(explanations) for f in findings], ensure_ascii=False, indent=2))
    else:
        print(f"{report.title}：{counts.sentence()}")
        for f in findings:
            explained = explanations.get(f.key)
            tail = f"（已说明原因：{explained}）" if explained else ""
            print(f"[{f.rule} {SEVERITY_NAMES[f.severity]}] {f.message}{tail}")
    return EXIT_ERRORS if counts.errors or counts.explained_errors else EXIT_OK  # an explained error is one still


def command_new_from(args: argparse.Namespace) -> int:
    from model.carryover import new_from_last_year

    try:
        last = load_report(args.last_year_file)
        report = new_from_last_year(last, args.year)
        save_report(report, args.output)
    except ReportFileError as exc:
        return _fail(str(exc))
    print(f"已根据{last.year}年报告生成{report.year}年报告：{args.output}")
    return EXIT_OK


def command_export(args: argparse.Namespace) -> int:
    from export.content import missing_date_note
    # reportlab and python-docx are loaded only when exporting
    from export.files import ExportError, save_docx, save_html, save_infographic, save_pdf, save_text
    from export.pagestyle import ExportOptions

    try:
        report = load_report(args.file)
        if args.last:
            report.last_year = read_last_year(args.last)
    except ReportFileError as exc:
        return _fail(str(exc))
    source = Path(args.file)
    targets = [(Path(p), save) for p, save in ((args.docx, save_docx), (args.pdf, save_pdf), (args.txt, save_text),
                                                (args.html, save_html), (args.infographic, save_infographic)) if p]
    if not targets:  # none asked for: Word and PDF, beside the report
        targets = [(source.with_suffix(".docx"), save_docx), (source.with_suffix(".pdf"), save_pdf)]
    options = ExportOptions(signoff_sheet=args.signoff, draft_watermark=args.draft, review_sheet=args.review)
    errors, _ = count_by_severity(check_report(report))
    if errors:
        print(f"注意：报告还有 {errors} 个错误（用 check 命令查看），导出的文件不宜送审。", file=sys.stderr)
    try:
        for path, save in targets:
            save(report, path, options)
            print(f"已导出：{path}")
    except ExportError as exc:
        return _fail(str(exc))
    if any(save in (save_docx, save_pdf) for _, save in targets) and (note := missing_date_note(report)):
        print(note)
    if any(save is save_pdf for _, save in targets):
        from export.fonts import substitution_note
        if note := substitution_note():
            print(note)
    return EXIT_ERRORS if errors else EXIT_OK


def command_import(args: argparse.Namespace) -> int:
    from model.importers import GUESSED, UNREADABLE, ImportFailed, import_file_bounded

    try:
        result = import_file_bounded(args.file)
        if args.last:
            from model.importers.last_year import settle_with_last_year
            settle_with_last_year(result, read_last_year(args.last))
        save_report(result.report, args.output)
    except (ImportFailed, ReportFileError) as exc:
        return _fail(str(exc))
    print(result.count_line())
    print(result.summary())
    print(f"已保存到：{args.output}")
    for note in result.notes:
        if note.kind in (GUESSED, UNREADABLE):
            print(note.describe(), file=sys.stderr)
    return EXIT_OK if result.certain else EXIT_GUESSED


def command_summarize(args: argparse.Namespace) -> int:
    from model.summary import FolderUnreadable, ImportCache, summarize_folder
    from model.summary.workbook import write_workbook

    def progress(done: int, total: int, name: str) -> None:
        if sys.stderr.isatty():
            print(f"\r已读取 {done}/{total} 个文件", end="", file=sys.stderr, flush=True)

    try:
        summary = summarize_folder(args.folder, args.last, ImportCache(), progress)
    except FolderUnreadable as exc:
        return _fail(str(exc))
    finally:
        if sys.stderr.isatty():
            print(file=sys.stderr)
    if summary.year is None:
        return _fail(f"文件夹“{args.folder}”中没有能读取的报告。")
    summed = summary.sum()
    try:
        save_report(summed.report, args.output)
        if args.xlsx:
            write_workbook(args.xlsx, summary.units, summary.missing, summary.new, summed)
    except ReportFileError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"无法写入“{args.xlsx}”：{describe(exc)}。文件可能正在被 Excel 或 WPS 打开。")
    if summary.cache_note:
        print(summary.cache_note, file=sys.stderr)
    print(f"已读取 {len(summary.units)} 个文件，{len(summed.included)} 个单位计入{summary.year}年汇总。", file=sys.stderr)
    if args.json:
        print(json.dumps(summary.to_json(), ensure_ascii=False, indent=2))
    else:
        print_summary(summary, summed)
    print(f"汇总报告已保存到：{args.output}" + (f"，汇总表：{args.xlsx}" if args.xlsx else ""), file=sys.stderr)
    return EXIT_ERRORS if summary.any_errors else EXIT_OK


def print_summary(summary, summed) -> None:
    from model.summary import STATUS_TITLES

    for unit in summary.units:
        detail = "；".join(filter(None, [unit.refusal, *(r.text for r in unit.remarks)]))
        counts = f"{unit.errors} 个错误，{unit.warnings} 个警告" if unit.report else ""
        if unit.explained:
            counts += f"（另有 {unit.explained} 条已说明原因）"
        print("　".join(filter(None, [f"[{STATUS_TITLES[unit.status]}]", unit.name, unit.file if unit.organ else "",
                                      counts, detail])))
    if summary.missing:
        print(f"今年未报送（上年有报告）：{'、'.join(summary.missing)}")
    if summary.new:
        print(f"今年新增单位：{'、'.join(summary.new)}")
    for sentence in summed.refused:
        print(sentence)


class LazyHelpFormatter(argparse.HelpFormatter):
    """Help given as a function is written out only when help is shown: the import formats' list would
    otherwise load every importer (python-docx, pdfplumber, openpyxl) for every command, a PDF export too."""

    def _format_action(self, action: argparse.Action) -> str:
        if callable(action.help):
            action = copy.copy(action)
            action.help = action.help()
        return super()._format_action(action)


def importer_formats() -> str:
    from model.importers import FORMAT_NAMES
    return FORMAT_NAMES


class VersionAction(argparse.Action):
    """`--version`: the version is looked up only when asked (package metadata costs start-up time)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs) -> None:
        super().__init__(option_strings, dest, nargs=0, help="显示版本号")

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        from model.version import APP_NAME, application_version

        print(f"{APP_NAME} {application_version()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="main.py", description="政府信息公开工作年度报告编辑器（命令行）")
    parser.add_argument("--version", action=VersionAction)
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="检查报告中的勾稽关系和常见问题")
    check.add_argument("file", help=f"报告文件（{extensions_named()}）")
    check.add_argument("--last", help=f"上年报告（{extensions_named()}，或导入能读的 Word、PDF、网页、Excel、文本），"
                                      "用于核对上年结转、现行有效件数，以及正文是否照搬上年报告、沿用上年数字")
    check.add_argument("--json", action="store_true", help="以 JSON 列表输出检查结果")
    check.set_defaults(run=command_check)

    new_from = commands.add_parser("new-from", help="以上年报告为模板生成新年度报告")
    new_from.add_argument("last_year_file", help=f"上年报告文件（{extensions_named()}）")
    new_from.add_argument("--year", type=int, required=True, help="新报告的年度")
    new_from.add_argument("-o", "--output", required=True, help="新报告保存到的文件")
    new_from.set_defaults(run=command_new_from)

    export = commands.add_parser("export", help="导出 Word（.docx）和 PDF 文件（报告有错误时仍导出，退出码为 1）")
    export.add_argument("file", help=f"报告文件（{extensions_named()}）")
    export.add_argument("--docx", help="导出的 Word 文件；--docx 和 --pdf 都不写时，在报告旁导出两种文件")
    export.add_argument("--pdf", help="导出的 PDF 文件")
    export.add_argument("--txt", help="导出的纯文本文件（可粘贴到网站发布系统，也可再导入）")
    export.add_argument("--html", help="导出的网页（单个 .html 文件，可上传到政府信息公开专栏，也可再导入）")
    export.add_argument("--infographic", help="导出的图解（.svg、.png 或 .pdf，按文件后缀）：主动公开、依申请公开、"
                                              "复议诉讼的数字，已知上年报告时附与上年的比较")
    export.add_argument("--last", help="上年报告（.json，或导入能读的格式），图解据此给出与上年的比较；"
                                       "不写时用报告中保存的上年数字")
    export.add_argument("--signoff", action="store_true", help="在报告前加一页审核签发单")
    export.add_argument("--review", action="store_true", help="在报告前加自查表（逐项检查结果和出错说明）")
    export.add_argument("--draft", action="store_true", help="每页加“送审稿”水印")
    export.set_defaults(run=command_export)

    importing = commands.add_parser("import", formatter_class=LazyHelpFormatter, help="导入上年发布的报告（Word、PDF、网页、Excel、文本），列出推测和无法读取之处"
                                                   "（全部确定：退出码 0；有推测：3；无法导入：2）")
    importing.add_argument("file", help=lambda: f"{importer_formats()}格式的年度报告")
    importing.add_argument("-o", "--output", required=True, help=f"导入后的报告保存到的文件（{extensions_named()}）")
    importing.add_argument("--last", help="上年的报告（.json 或导入能读的格式）：表二连在一起的数字有几种切分时，"
                                          "按上年现行有效件数核对")
    importing.set_defaults(run=command_import)
    summarize = commands.add_parser(
        "summarize", help="汇总一个文件夹中各单位的报告：逐份检查、与上年比对、逐项相加成本级报告草稿"
                          "（各单位均无错误：退出码 0；有单位有错误、无法读取或年度不符：1；文件夹无法读取：2）")
    summarize.add_argument("folder", help=f"存放本年度各单位报告的文件夹（{extensions_named()}、.docx、.txt 等）")
    summarize.add_argument("--last", help="存放上年度各单位报告的文件夹，用于找出未报送、新增的单位和大幅变化")
    summarize.add_argument("-o", "--output", required=True, help=f"汇总报告保存到的文件（{extensions_named()}）")
    summarize.add_argument("--xlsx", help="汇总表（Excel .xlsx）：各单位一览和各表合计")
    summarize.add_argument("--json", action="store_true", help="以 JSON 输出各单位的检查结果和未报送、新增单位")
    summarize.set_defaults(run=command_summarize)
    parser.command_names = {*commands.choices, "-h", "--help", "--version"}
    return parser


def looks_like_a_file(word: str) -> bool:
    """An existing file, or a name with a folder or a suffix: the editor opens it or says why it cannot."""
    path = Path(word)
    return path.exists() or bool(path.suffix) or len(path.parts) > 1


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    if argv and argv[0] in parser.command_names:  # otherwise a file to open in the editor
        args = parser.parse_args(argv)
        return args.run(args)
    if argv and not looks_like_a_file(argv[0]):
        commands = "、".join(sorted(name for name in parser.command_names if not name.startswith("-")))
        return _fail(f"“{argv[0]}”既不是命令，也不是已有的文件。用法：python main.py [报告文件]，"
                     f"或 python main.py 命令 …（命令有 {commands}；python main.py --help 查看说明）。")
    from gui.app import run_editor  # Qt only when a window is wanted

    return run_editor(argv[0] if argv else None, sample=SAMPLE_REPORT)


if __name__ == "__main__":
    if getattr(sys, "frozen", False):  # 汇总's import workers start the packaged program again; from source,
        import multiprocessing  # freeze_support does nothing and its import would only slow the start

        multiprocessing.freeze_support()
    sys.exit(main())
