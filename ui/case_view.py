"""The case view: details, reporter (masked or absent as the flags say), deadlines, timeline."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from html import escape
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from lapor_desktop.domain.dates import indonesian_datetime
from lapor_desktop.services.cases import CaseDetail
from lapor_desktop.services.sync_review import RejectedOp
from ui import labels


class CaseView(QWidget):
    """Read-only view of one case; the actions live in the window's Case menu and toolbar."""

    shown = Signal(str)  # case id
    files_dropped = Signal(list)  # list[Path] dropped onto the view: attach them
    attachment_clicked = Signal(str, str)  # sha256, file name: open it
    conflict_clicked = Signal(str)  # conflict id: open the side-by-side dialog

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = QLabel(self.tr("Select a case"))
        self._title.setWordWrap(True)
        self._title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self._body = QTextBrowser()
        self._body.setOpenLinks(False)
        self._body.anchorClicked.connect(self._on_anchor_clicked)
        # Files dropped anywhere on the view are attached to the case shown.
        self.setAcceptDrops(True)
        self._body.setAcceptDrops(False)
        self._body.setAccessibleName(self.tr("Case details"))
        layout = QVBoxLayout(self)
        layout.addWidget(self._title)
        layout.addWidget(self._body, 1)
        self._detail: CaseDetail | None = None

    @property
    def detail(self) -> CaseDetail | None:
        return self._detail

    def clear(self) -> None:
        self._detail = None
        self._title.setText(self.tr("Select a case"))
        self._body.clear()

    def show_detail(
        self, detail: CaseDetail, tz: tzinfo, rejected: Sequence[RejectedOp] = ()
    ) -> None:
        self._detail = detail
        case = detail.case
        status = labels.tr(labels.STATUS[case.status])
        self._title.setText(f"{case.register_no} — {case.title}")
        rows = [
            (self.tr("Status"), status),
            (self.tr("Received"), indonesian_datetime(case.received_at, tz)),
            (self.tr("Channel"), labels.tr(labels.CHANNEL[case.channel])),
            (self.tr("Category"), detail.category_path),
            (self.tr("Kind"), labels.tr(labels.KIND[case.kind])),
            (self.tr("Severity"), labels.tr(labels.SEVERITY[case.severity])),
            (self.tr("Priority"), labels.tr(labels.PRIORITY[case.priority])),
            (
                self.tr("Holder"),
                case.holder_office
                + ("" if detail.can_act else " " + self.tr("(monitored, read-only)")),
            ),
        ]
        if case.lapor_tracking_id:
            rows.append((self.tr("LAPOR! tracking id"), "#" + case.lapor_tracking_id))
        if case.anonymous:
            rows.append((self.tr("Reporter"), self.tr("anonymous")))
        elif case.reporter is not None:
            shown = case.reporter.masked() if case.confidential else case.reporter
            parts = [p for p in (shown.name, shown.phone, shown.email, shown.address) if p]
            flag = " " + self.tr("(confidential)") if case.confidential else ""
            rows.append((self.tr("Reporter"), ", ".join(parts) + flag))
        if case.forwarded_to:
            rows.append((self.tr("Forwarded to"), case.forwarded_to))
        if detail.feedback is not None:
            rows.append((self.tr("Reporter satisfaction"), labels.feedback_text(detail.feedback)))
        html = self._sync_html(detail, tz, rejected)
        html.append("<table cellspacing='2'>")
        html += [f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>" for k, v in rows]
        html.append("</table>")
        html.append(f"<h4>{escape(self.tr('Complaint as received'))}</h4>")
        html.append(f"<p>{escape(case.original_text)}</p>")
        if case.summary:
            html.append(f"<h4>{escape(self.tr('Summary'))}</h4><p>{escape(case.summary)}</p>")
        if case.answer is not None:
            html.append(
                f"<h4>{escape(self.tr('Final answer'))}</h4>"
                f"<p>{escape(case.answer.text)}<br/><small>"
                f"{escape(indonesian_datetime(case.answer.at, tz))} · {escape(case.answer.actor)}"
                "</small></p>"
            )
        if case.follow_ups:
            html.append(f"<h4>{escape(self.tr('Follow-ups'))}</h4><ul>")
            html += [
                f"<li>{escape(indonesian_datetime(f.at, tz))} · {escape(f.actor)}: "
                f"{escape(f.text)}</li>"
                for f in case.follow_ups
            ]
            html.append("</ul>")
        if detail.deadlines:
            html.append(f"<h4>{escape(self.tr('Deadlines'))}</h4><ul>")
            for d in detail.deadlines:
                extra = []
                if d.paused:
                    extra.append(self.tr("paused"))
                if d.extension_days:
                    extra.append(self.tr("extended by %n day(s)", "", d.extension_days))
                html.append(
                    f"<li><b>{escape(d.rule.description)}</b>: "
                    f"{escape(indonesian_datetime(d.due_at, tz))} — {escape(d.label)}"
                    f"{' (' + escape(', '.join(extra)) + ')' if extra else ''}"
                    f"<br/><small>{escape(d.rule.code)} · {escape(d.rule.legal_basis)}</small></li>"
                )
            html.append("</ul>")
        if case.dispositions:
            html.append(f"<h4>{escape(self.tr('Dispositions'))}</h4><ul>")
            for disposition in case.dispositions:
                target = ", ".join(
                    x
                    for x in (disposition.to_office, disposition.to_unit, disposition.to_person)
                    if x
                )
                html.append(
                    f"<li>{escape(indonesian_datetime(disposition.at, tz))}: {escape(target)}"
                    f" — {escape(', '.join(disposition.instructions))}</li>"
                )
            html.append("</ul>")
        if case.attachments:
            html.append(f"<h4>{escape(self.tr('Attachments'))}</h4><ul>")
            html += [
                f"<li><a href='attachment:{a.sha256}?{escape(a.name)}'>{escape(a.name)}</a>"
                f" ({a.size:,} B)</li>"
                for a in case.attachments
            ]
            html.append("</ul>")
        html.append(f"<h4>{escape(self.tr('Timeline'))}</h4><ul>")
        for event in detail.timeline:
            html.append(
                f"<li>{escape(indonesian_datetime(event.at, tz))} · {escape(event.actor)}@"
                f"{escape(event.office)}: {escape(event.summary)}</li>"
            )
        html.append("</ul>")
        if detail.pending_ops:
            html.append(
                "<p><i>"
                + escape(
                    self.tr("%n action(s) not yet sent to the server", "", len(detail.pending_ops))
                )
                + "</i></p>"
            )
        self._body.setHtml("".join(html))
        self.shown.emit(case.id)

    def _sync_html(
        self, detail: CaseDetail, tz: tzinfo, rejected: Sequence[RejectedOp]
    ) -> list[str]:
        """The case's sync badge: open conflicts (each opens its dialog), waiting actions, and
        a read-only note for cases this office disposed or forwarded elsewhere."""
        case = detail.case
        html: list[str] = []
        conflicts = [c for c in case.conflicts if c.is_open]
        if conflicts:
            html.append(
                "<p style='background:#fff3e0; padding:4px'><b>⚠ "
                + escape(self.tr("%n open sync conflict(s)", "", len(conflicts)))
                + "</b><br/>"
            )
            for c in conflicts:
                text = self.tr("{field}: changed by {actor} ({office}) on {when}").format(
                    field=c.field,
                    actor=c.actor,
                    office=c.office,
                    when=indonesian_datetime(c.at, tz),
                )
                html.append(
                    f"{escape(text)} — <a href='conflict:{escape(c.id)}'>"
                    f"{escape(self.tr('resolve…'))}</a><br/>"
                )
            html.append("</p>")
        for op in rejected:
            text = self.tr("The server rejected an action ({action}, {when}): {reason}").format(
                action=labels.tr(labels.OP_TYPE[op.op_type]),
                when=indonesian_datetime(op.at, tz),
                reason=op.message or op.code,
            )
            html.append(
                f"<p style='background:#ffebee; padding:4px'>✖ {escape(text)}<br/><small>"
                + escape(self.tr("Sync → Rejected actions… to do it again or acknowledge it"))
                + "</small></p>"
            )
        if not detail.can_act:
            html.append(
                "<p style='background:#eceff1; padding:4px'>👁 "
                + escape(
                    self.tr(
                        "Monitored: held by {office}. Its progress arrives with each sync; "
                        "this office can read it but not change it."
                    ).format(office=case.holder_office)
                )
                + "</p>"
            )
        return html

    def _on_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() == "attachment":
            self.attachment_clicked.emit(url.path(), url.query())
        elif url.scheme() == "conflict":
            self.conflict_clicked.emit(url.path())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self._detail is not None and self._detail.can_act and event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if files and self._detail is not None and self._detail.can_act:
            event.acceptProposedAction()
            self.files_dropped.emit(files)
        else:
            event.ignore()

    def text(self) -> str:
        """The view's plain text (tests and screen readers)."""
        return self._title.text() + "\n" + self._body.toPlainText()
