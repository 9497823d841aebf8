"""信息处理费 above section 六: three figures that write 六's standard sentence and keep it in step with them.

Changing a figure (or pressing 写入正文) stores the figures in the report and puts the sentence in place of
the sentence on the fee, or at the top of 六, as one undo step.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Callable

from PySide6.QtWidgets import QDoubleSpinBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from gui.editor.document import EditableReport
from model.report import FeeNotice
from model.rules import NO_FEE_SENTENCE, fee_sentence

MAX_YUAN = 1e9
class FeeForm(QWidget):
    def __init__(self, document: EditableReport, write_sentence: Callable[[str], None], parent=None) -> None:
        super().__init__(parent)
        self.document = document
        self.write_sentence = write_sentence  # the section editor puts the sentence into the text
        self.notices = QSpinBox()
        self.notices.setRange(0, 10**6)
        self.notices.setSuffix(" 件")
        self.due, self.received = QDoubleSpinBox(), QDoubleSpinBox()
        for box in (self.due, self.received):
            box.setRange(0, MAX_YUAN)
            box.setDecimals(2)
            box.setSuffix(" 元")
        write = QPushButton("写入正文")
        write.setToolTip(f"按这三个数字写出第六部分关于信息处理费的规范表述（全为0时写“{NO_FEE_SENTENCE}”）")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for label, widget in (("信息处理费：发出收费通知", self.notices), ("应收", self.due), ("实收", self.received)):
            layout.addWidget(QLabel(label))
            layout.addWidget(widget)
        layout.addWidget(write)
        layout.addStretch(1)
        self.refresh()
        for box in (self.notices, self.due, self.received):
            box.setKeyboardTracking(False)  # one change when the figure is typed whole
            box.valueChanged.connect(self.apply)
        write.clicked.connect(self.apply)
        document.metaChanged.connect(self.refresh)

    def figures(self) -> FeeNotice:
        return FeeNotice(notices=self.notices.value(), due=Decimal(f"{self.due.value():.2f}"),
                         received=Decimal(f"{self.received.value():.2f}"))

    def apply(self, *_args) -> None:
        fee = self.figures()
        sentence = fee_sentence(fee)
        report = self.document.report
        if report.fee_notice == fee and any(sentence in p.text for p in report.other_matters):
            return  # nothing to change: no empty undo step
        stack = self.document.undo_stack
        stack.beginMacro("填写信息处理费")
        self.document.set_meta("fee_notice", fee)
        self.write_sentence(sentence)
        stack.endMacro()

    def refresh(self, field: str = "fee_notice") -> None:
        if field != "fee_notice":
            return
        fee = self.document.report.fee_notice or FeeNotice()
        for box, value in ((self.notices, fee.notices), (self.due, float(fee.due)), (self.received, float(fee.received))):
            box.blockSignals(True)
            box.setValue(value)
            box.blockSignals(False)
