"""报告信息: 机关名称, 年度, 标题, 成文日期 and the last year's report the checks compare with."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui.editor.document import EditableReport
from gui.editor.undo_keys import UndoKeysToWindow
from model.report import FIRST_YEAR, LAST_YEAR, META_FIELD_NAMES, UNIT_KIND_NAMES, default_title
from model.text_rules import deadline_sentence

NO_DATE = QDate(2000, 1, 1)  # the minimum of the date field, shown as 未填写


class MetaPage(QWidget):
    chooseLastYearRequested = Signal()

    def __init__(self, document: EditableReport, parent=None) -> None:
        super().__init__(parent)
        self.document = document
        report = document.report

        self.organ = QLineEdit(report.organ)
        self.organ.setPlaceholderText("例如：济源市人民政府")
        self.organ.textChanged.connect(lambda text: document.set_meta("organ", text.strip()))
        self.year = QSpinBox()
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.setValue(report.year)
        self.year.setSuffix(" 年")
        self.year.setKeyboardTracking(False)  # one change when the clerk has typed the whole year
        self.year.valueChanged.connect(lambda year: document.set_meta("year", year))
        self.title = QLineEdit(report.title_override or "")
        self.title.textChanged.connect(lambda text: document.set_meta("title_override", text.strip() or None))
        self.published = QDateEdit()
        self.published.setCalendarPopup(True)
        self.published.setDisplayFormat("yyyy年M月d日")
        self.published.setMinimumDate(NO_DATE)
        self.published.setSpecialValueText("未填写")
        self.published.setDate(QDate(report.published) if report.published else NO_DATE)
        self.published.dateChanged.connect(self._published_changed)
        self.published.calendarWidget().setLocale(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        self.published.calendarWidget().installEventFilter(self)  # opens at the report's time, see eventFilter

        self.unit_kind = QComboBox()
        for kind, name in UNIT_KIND_NAMES.items():
            self.unit_kind.addItem(name, kind)
        self.unit_kind.setToolTip("决定发布时限：政府部门次年1月31日前，县级以上人民政府次年3月31日前（条例第五十条）")
        self.unit_kind.currentIndexChanged.connect(
            lambda index: document.set_meta("unit_kind", self.unit_kind.itemData(index)))
        self.deadline = QLabel()

        self._undo_keys = UndoKeysToWindow(self)
        for widget in (self.organ, self.title):
            widget.installEventFilter(self._undo_keys)

        self.last_year_label = QLabel()
        self.last_year_label.setWordWrap(True)
        choose = QPushButton("选择上年报告…")
        choose.setToolTip("选择上一年度的报告文件，用于核对“上年结转”和“现行有效件数”，并与上年正文比对")
        choose.clicked.connect(self.chooseLastYearRequested)
        last_row = QHBoxLayout()
        last_row.addWidget(self.last_year_label, 1)
        last_row.addWidget(choose)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(f"{META_FIELD_NAMES['organ']}：", self.organ)
        form.addRow(f"{META_FIELD_NAMES['year']}：", self.year)
        form.addRow(f"{META_FIELD_NAMES['title_override']}：", self.title)
        self.clear_published = QPushButton("清除日期")
        self.clear_published.setToolTip("成文日期改回“未填写”")
        self.clear_published.clicked.connect(lambda: self.published.setDate(NO_DATE))
        date_row = QHBoxLayout()
        date_row.addWidget(self.published, 1)
        date_row.addWidget(self.clear_published)
        form.addRow(f"{META_FIELD_NAMES['published']}：", date_row)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.unit_kind)
        kind_row.addWidget(self.deadline, 1)
        form.addRow(f"{META_FIELD_NAMES['unit_kind']}：", kind_row)
        form.addRow("上年报告：", last_row)

        heading = QLabel("报告信息")
        heading.setObjectName("sectionTitle")
        fields = QWidget()
        fields.setMaximumWidth(820)
        fields.setLayout(form)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(fields)
        layout.addStretch(1)

        document.metaChanged.connect(self.refresh)
        document.lastYearChanged.connect(self.refresh)
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # with no date the calendar would open at the field's minimum, January 2000: open it at January of the
        # year after the report year, when reports are published (by 31 January)
        if event.type() == QEvent.Type.Show and watched is self.published.calendarWidget() \
                and self.document.report.published is None:
            watched.setCurrentPage(self.document.report.year + 1, 1)
        return False

    def _published_changed(self, date: QDate) -> None:
        value = None if date == NO_DATE else dt.date(date.year(), date.month(), date.day())
        self.document.set_meta("published", value)

    def refresh(self, _field: str = "") -> None:
        """Show the report's values (after undo/redo) without echoing them back as edits."""
        report = self.document.report
        for widget, text in ((self.organ, report.organ), (self.title, report.title_override or "")):
            if widget.text().strip() != text:
                widget.setText(text)
        self.title.setPlaceholderText(f"留空则为：{default_title(report.organ or '（机关名称）', report.year)}")
        for widget, setter, value in (
                (self.year, self.year.setValue, report.year),
                (self.unit_kind, self.unit_kind.setCurrentIndex, self.unit_kind.findData(report.kind)),
                (self.published, self.published.setDate, QDate(report.published) if report.published else NO_DATE)):
            widget.blockSignals(True)
            setter(value)
            widget.blockSignals(False)
        self.clear_published.setEnabled(report.published is not None)
        self.deadline.setText(deadline_sentence(report, dt.date.today()))
        last = report.last_year
        self.last_year_label.setText(
            f"{last.year}年报告（{last.organ or '未填机关名称'}）：表二、表三中显示上年数字以便核对，"
            f"正文与上年报告比对" if last else "未关联。关联后可核对“上年结转”和“现行有效件数”，并查出照搬上年的文字和数字。")

    def focus_field(self, field: str) -> None:
        widget = {"organ": self.organ, "title": self.title, "year": self.year, "published": self.published,
                  "unit_kind": self.unit_kind}.get(field, self.organ)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
