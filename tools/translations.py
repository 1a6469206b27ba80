#!/usr/bin/env python3
"""Keep the window's Qt Linguist translations in step with ui/*.py (run it as often as you like).

    python tools/translations.py                    # = `make translations`: update, then build .qm
    python tools/translations.py check              # exit 1 on any unfinished or missing message
    python tools/translations.py todo [LANG]        # unfinished messages as JSON, ready to fill in
    python tools/translations.py fill LANG FILE     # take translations from such a JSON, rebuild

`update` runs pyside6-lupdate over ui/*.py into resources/translations/lapor_{id,en}.ts, keeping
every existing translation, then pyside6-lrelease builds the .qm files the app loads. lupdate's
Python parser misses strings inside f-strings and strings passed through small helpers such as
`def _t(text): return QCoreApplication.translate("Errors", text)`, so this script also reads
ui/*.py with `ast` and hands lupdate every message it finds as a generated C++ file (with the
few Qt strings the window shows, since Qt has no Indonesian catalogue of its own). English is
the source language: lapor_en.ts is rewritten as identity, with plural forms made from "(s)".
Indonesian must be translated by a person: `todo` lists what is missing, `fill` writes it in.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "ui"
TS_DIR = ROOT / "resources" / "translations"
LANGUAGES = ("id", "en")
SOURCE_LANGUAGE = "en"
INACTIVE = {"vanished", "obsolete"}  # kept by lupdate as translators' memory, not compiled
TIMEOUT_S = 120

_APP_CLASSES = {"QCoreApplication", "QApplication", "QGuiApplication"}
_NOOPS = {"QT_TRANSLATE_NOOP", "QT_TRANSLATE_NOOP3", "QT_TRANSLATE_NOOP_UTF8"}


# -- finding the messages in the sources --------------------------------------------------------
@dataclass(frozen=True, order=True)
class Message:
    context: str
    source: str
    comment: str = ""
    numerus: bool = False

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)


# Qt ships no Indonesian catalogue (there is no qtbase_id.qm), so the few Qt strings the window
# shows — standard dialog buttons, the edit context menu, wizard buttons, message-box details —
# are translated in our own catalogue.
_QT_SOURCES = {
    "QPlatformTheme": (
        "OK", "Save", "Save All", "Open", "&Yes", "Yes to &All", "&No", "N&o to All", "Abort",
        "Retry", "Ignore", "Close", "Cancel", "Discard", "Help", "Apply", "Reset",
        "Restore Defaults",
    ),
    "QMessageBox": ("Show Details...", "Hide Details..."),
    "QLineEdit": ("&Undo", "&Redo", "Cu&t", "&Copy", "&Paste", "Delete", "Select All"),
    "QWidgetTextControl": (
        "&Undo", "&Redo", "Cu&t", "&Copy", "&Paste", "Delete", "Select All",
        "Copy &Link Location",
    ),
    "QWizard": ("< &Back", "&Next >", "Commit", "&Finish", "Cancel"),
}  # fmt: skip
QT_MESSAGES = frozenset(
    Message(context, source) for context, sources in _QT_SOURCES.items() for source in sources
)


@dataclass(frozen=True)
class _Wrapper:
    """A helper that passes its argument on to QCoreApplication.translate with a fixed context."""

    context: str
    source_index: int
    source_name: str
    n_index: int | None
    n_name: str | None


@dataclass
class Extraction:
    messages: set[Message] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)


def _text(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _arg(call: ast.Call, index: int, name: str | None) -> ast.expr | None:
    if index < len(call.args):
        return call.args[index]
    for keyword in call.keywords:
        if name is not None and keyword.arg == name:
            return keyword.value
    return None


def _is_numerus(node: ast.expr | None) -> bool:
    if node is None:
        return False
    if isinstance(node, ast.Constant) and node.value in (-1, None):
        return False
    # -1 means "no plural"
    return not (isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub))


def _is_translate(func: ast.expr) -> bool:
    if isinstance(func, ast.Attribute) and func.attr == "translate":
        return isinstance(func.value, ast.Name) and func.value.id in _APP_CLASSES
    return isinstance(func, ast.Name) and func.id == "translate"


def _find_wrappers(tree: ast.Module) -> dict[str, _Wrapper]:
    wrappers: dict[str, _Wrapper] = {}
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        params = [a.arg for a in node.args.posonlyargs + node.args.args]
        for call in ast.walk(node):
            if not (isinstance(call, ast.Call) and _is_translate(call.func)):
                continue
            context = _text(_arg(call, 0, "context"))
            source = _arg(call, 1, "sourceText")
            if context is None or not isinstance(source, ast.Name) or source.id not in params:
                continue
            n = _arg(call, 3, "n")
            n_name = n.id if isinstance(n, ast.Name) and n.id in params else None
            wrappers[node.name] = _Wrapper(
                context,
                params.index(source.id),
                source.id,
                params.index(n_name) if n_name else None,
                n_name,
            )
    return wrappers


def _ui_imports(
    tree: ast.Module, package: str
) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """Names bound to ui modules ({alias: module}) and to their functions ({name: (module, f)})."""
    modules: dict[str, str] = {}
    functions: dict[str, tuple[str, str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == package:
            for alias in node.names:
                modules[alias.asname or alias.name] = alias.name
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(package + "."):
            module = (node.module or "").split(".", 1)[1]
            for alias in node.names:
                functions[alias.asname or alias.name] = (module, alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(package + ".") and alias.asname:
                    modules[alias.asname] = alias.name.split(".", 1)[1]
    return modules, functions


class _Collector(ast.NodeVisitor):
    def __init__(
        self,
        path: Path,
        local: dict[str, _Wrapper],
        wrappers: dict[str, dict[str, _Wrapper]],
        modules: dict[str, str],
        functions: dict[str, tuple[str, str]],
        out: Extraction,
    ) -> None:
        self.path, self.local, self.wrappers = path, local, wrappers
        self.modules, self.functions, self.out = modules, functions, out
        self.classes: list[str] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def _add(
        self, call: ast.Call, context: str | None, source: ast.expr | None, **kw: object
    ) -> None:
        where = f"{self.path.name}:{call.lineno}"
        if isinstance(source, ast.JoinedStr):
            self.out.problems.append(f"{where}: an f-string cannot be translated; use %1 / .arg")
            return
        text = _text(source)
        if text is None or context is None:
            return  # a variable: its literals are marked elsewhere (QT_TRANSLATE_NOOP)
        self.out.messages.add(Message(context, text, **kw))  # type: ignore[arg-type]

    def _wrapper_of(self, func: ast.expr) -> _Wrapper | None:
        if isinstance(func, ast.Name):
            if func.id in self.local:
                return self.local[func.id]
            if func.id in self.functions:
                module, name = self.functions[func.id]
                return self.wrappers.get(module, {}).get(name)
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            module = self.modules.get(func.value.id)
            if module is not None:
                return self.wrappers.get(module, {}).get(func.attr)
        return None

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        here = self.classes[-1] if self.classes else None
        wrapper = self._wrapper_of(func)
        if wrapper is not None:
            n = _arg(node, wrapper.n_index, wrapper.n_name) if wrapper.n_index is not None else None
            source = _arg(node, wrapper.source_index, wrapper.source_name)
            self._add(node, wrapper.context, source, numerus=_is_numerus(n))
        elif isinstance(func, ast.Attribute) and func.attr == "tr":
            owner = func.value
            if (isinstance(owner, ast.Name) and owner.id in ("self", "cls")) or (
                isinstance(owner, ast.Call) and getattr(owner.func, "id", "") == "super"
            ):
                self._add(
                    node,
                    here,
                    _arg(node, 0, "sourceText"),
                    comment=_text(_arg(node, 1, "disambiguation")) or "",
                    numerus=_is_numerus(_arg(node, 2, "n")),
                )
        elif _is_translate(func):
            self._add(
                node,
                _text(_arg(node, 0, "context")),
                _arg(node, 1, "sourceText"),
                comment=_text(_arg(node, 2, "disambiguation")) or "",
                numerus=_is_numerus(_arg(node, 3, "n")),
            )
        elif isinstance(func, ast.Name) and func.id in _NOOPS:
            comment = _text(_arg(node, 2, None)) if func.id == "QT_TRANSLATE_NOOP3" else ""
            self._add(node, _text(_arg(node, 0, None)), _arg(node, 1, None), comment=comment or "")
        elif isinstance(func, ast.Name) and func.id == "QT_TR_NOOP":
            self._add(node, here, _arg(node, 0, None))
        self.generic_visit(node)


def ui_sources(ui_dir: Path = UI_DIR) -> list[Path]:
    return sorted(ui_dir.glob("*.py"))


def extract(paths: Iterable[Path]) -> Extraction:
    """Every translatable message the given modules of the `ui` package ask for."""
    trees = {p: ast.parse(p.read_text(encoding="utf-8"), str(p)) for p in paths}
    wrappers = {p.stem: _find_wrappers(tree) for p, tree in trees.items()}
    out = Extraction()
    for path, tree in trees.items():
        modules, functions = _ui_imports(tree, "ui")
        _Collector(path, wrappers[path.stem], wrappers, modules, functions, out).visit(tree)
    return out


def _cpp_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n").replace("\t", "\\t") + '"'


def as_cpp(messages: Iterable[Message]) -> str:
    """The messages as C++ calls, which lupdate reads completely (f-strings and helpers too)."""
    lines = [
        "// Generated by tools/translations.py for lupdate; never compiled.",
        "void f(int n) {",
    ]
    for m in sorted(messages):
        comment = _cpp_string(m.comment) if m.comment else "nullptr"
        n = ", n" if m.numerus else ""
        context, source = _cpp_string(m.context), _cpp_string(m.source)
        lines.append(f"    QCoreApplication::translate({context}, {source}, {comment}{n});")
    return "\n".join([*lines, "}", ""])


# -- the .ts files ------------------------------------------------------------------------------
def ts_path(language: str, ts_dir: Path = TS_DIR) -> Path:
    return ts_dir / f"lapor_{language}.ts"


def qm_path(language: str, ts_dir: Path = TS_DIR) -> Path:
    return ts_dir / f"lapor_{language}.qm"


@dataclass(frozen=True)
class Entry:
    message: Message
    forms: tuple[str, ...]  # one item for a plain message, one per plural form for numerus
    unfinished: bool
    active: bool


def _entries(root: ET.Element) -> Iterator[tuple[ET.Element, Entry]]:
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for node in context.iter("message"):
            translation = node.find("translation")
            kind = translation.get("type", "") if translation is not None else "unfinished"
            numerus = node.get("numerus") == "yes"
            if translation is None:
                forms: tuple[str, ...] = ("",)
            elif numerus:
                forms = tuple(f.text or "" for f in translation.iter("numerusform")) or ("",)
            else:
                forms = (translation.text or "",)
            message = Message(
                name, node.findtext("source") or "", node.findtext("comment") or "", numerus
            )
            yield node, Entry(message, forms, kind == "unfinished", kind not in INACTIVE)


def read_ts(path: Path) -> list[Entry]:
    return [entry for _, entry in _entries(ET.parse(path).getroot())]


def _write_ts(tree: ET.ElementTree, path: Path) -> None:
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", "utf-8"
    )


def english(source: str, forms: int) -> list[str]:
    """Identity, except that "(s)" gives the singular and plural forms of a %n message."""
    if forms <= 1 or "(s)" not in source:
        return [source] * max(forms, 1)
    return [source.replace("(s)", "")] + [source.replace("(s)", "s")] * (forms - 1)


def _set(node: ET.Element, forms: list[str]) -> None:
    translation = node.find("translation")
    if translation is None:
        translation = ET.SubElement(node, "translation")
    translation.attrib.pop("type", None)
    if node.get("numerus") == "yes":
        for child in list(translation):
            translation.remove(child)
        translation.text = None
        for form in forms:
            ET.SubElement(translation, "numerusform").text = form
    else:
        translation.text = forms[0]


def _plural_count(node: ET.Element) -> int:
    translation = node.find("translation")
    count = len(translation.findall("numerusform")) if translation is not None else 0
    return max(count, 1)


def fill_english(path: Path) -> None:
    tree = ET.parse(path)
    for node, entry in _entries(tree.getroot()):
        if entry.active:
            _set(node, english(entry.message.source, _plural_count(node)))
    _write_ts(tree, path)


def fill(path: Path, translations: dict[str, dict[str, str | list[str]]]) -> int:
    """Write translations given as {context: {source: text or [plural forms]}}; returns count."""
    tree = ET.parse(path)
    done = 0
    for node, entry in _entries(tree.getroot()):
        wanted = translations.get(entry.message.context, {}).get(entry.message.source)
        if not entry.active or wanted is None or wanted == "" or wanted == []:
            continue
        forms = [wanted] * _plural_count(node) if isinstance(wanted, str) else list(wanted)
        _set(node, forms)
        done += 1
    _write_ts(tree, path)
    return done


def todo(path: Path) -> dict[str, dict[str, str]]:
    """Unfinished messages as {context: {source: ""}} (or their draft text), to be filled in."""
    out: dict[str, dict[str, str]] = {}
    for entry in read_ts(path):
        if entry.active and (entry.unfinished or not all(entry.forms)):
            out.setdefault(entry.message.context, {})[entry.message.source] = entry.forms[0]
    return out


# -- the Qt tools -------------------------------------------------------------------------------
def qt_tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install the dev extras (`make` creates .venv)")
    return found


def lupdate(sources: list[Path], extra: Path, ts: Path, language: str) -> None:
    command = [
        qt_tool("pyside6-lupdate"),
        "-silent",
        "-locations",
        "none",
        "-source-language",
        SOURCE_LANGUAGE,
        "-target-language",
        language,
        *map(str, sources),
        str(extra),
        "-ts",
        str(ts),
    ]
    subprocess.run(command, check=True, timeout=TIMEOUT_S)


def lrelease(ts: Path, qm: Path) -> None:
    command = [qt_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)]
    subprocess.run(command, check=True, timeout=TIMEOUT_S)


def update(ts_dir: Path = TS_DIR, ui_dir: Path = UI_DIR, build: bool = True) -> Extraction:
    """lupdate every language from ui/*.py (translations kept), English as identity, then .qm."""
    sources = ui_sources(ui_dir)
    found = extract(sources)
    ts_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        extra = Path(tmp) / "ui_messages.cpp"
        extra.write_text(as_cpp(found.messages | QT_MESSAGES), encoding="utf-8")
        for language in LANGUAGES:
            ts = ts_path(language, ts_dir)
            lupdate(sources, extra, ts, language)
            if language == SOURCE_LANGUAGE:
                fill_english(ts)
                lupdate(sources, extra, ts, language)  # back into lupdate's own layout
    if build:
        build_qm(ts_dir)
    return found


def build_qm(ts_dir: Path = TS_DIR) -> None:
    for language in LANGUAGES:
        lrelease(ts_path(language, ts_dir), qm_path(language, ts_dir))


# -- checking -----------------------------------------------------------------------------------
def _mnemonic(text: str) -> bool:
    return "&" in text.replace("&&", "")


def entry_problems(entry: Entry) -> list[str]:
    m = entry.message
    where = f"[{m.context}] {m.source!r}"
    if entry.unfinished:
        return [f"{where}: unfinished"]
    if not all(form.strip() for form in entry.forms):
        return [f"{where}: empty translation"]
    problems = []
    for placeholder in ("%n", *(f"%{i}" for i in range(1, 10))):
        if placeholder in m.source and not all(placeholder in f for f in entry.forms):
            problems.append(f"{where}: translation lacks {placeholder}")
    for name in sorted(set(re.findall(r"\{[A-Za-z_][A-Za-z0-9_]*\}", m.source))):
        if not all(name in f for f in entry.forms):
            problems.append(f"{where}: translation lacks {name}")
    if _mnemonic(m.source) and not all(_mnemonic(f) for f in entry.forms):
        problems.append(f"{where}: translation lacks the & mnemonic")
    return problems


def problems(ts_dir: Path = TS_DIR, ui_dir: Path = UI_DIR) -> list[str]:
    """Everything that keeps a language from being complete (empty list: all good)."""
    found = extract(ui_sources(ui_dir))
    out = list(found.problems)
    for language in LANGUAGES:
        path = ts_path(language, ts_dir)
        if not path.exists():
            out.append(f"{path.name}: missing; run `make translations`")
            continue
        entries = [e for e in read_ts(path) if e.active]
        known = {e.message.key for e in entries}
        out += [f"{path.name}: {p}" for e in entries for p in entry_problems(e)]
        out += [
            f"{path.name}: [{m.context}] {m.source!r} is not in the file; run `make translations`"
            for m in sorted(found.messages | QT_MESSAGES)
            if m.key not in known
        ]
        if not qm_path(language, ts_dir).exists():
            out.append(f"{qm_path(language, ts_dir).name}: missing; run `make translations`")
    return out


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "update"
    if command == "update":
        found = update()
        for problem in problems():
            sys.stderr.write(problem + "\n")
        sys.stdout.write(
            f"{len(found.messages)} messages in ui/; .ts and .qm updated in {TS_DIR}\n"
        )
        return 0
    if command == "check":
        found_problems = problems()
        for problem in found_problems:
            sys.stderr.write(problem + "\n")
        return 1 if found_problems else 0
    if command == "todo":
        language = argv[1] if len(argv) > 1 else "id"
        sys.stdout.write(json.dumps(todo(ts_path(language)), ensure_ascii=False, indent=2) + "\n")
        return 0
    if command == "fill" and len(argv) == 3:
        language, source = argv[1], Path(argv[2])
        data = json.loads(source.read_text(encoding="utf-8"))
        done = fill(ts_path(language), data)
        update()  # normalise the layout and rebuild the .qm
        sys.stdout.write(f"{done} translations written to {ts_path(language).name}\n")
        return 0
    sys.stderr.write(__doc__ or "")
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
