"""The translation catalogues (app/translations) against the code: complete, current, and faithful to each
source's placeholders; and no text reaches a widget without passing through tr()."""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.fixtures import translations

ROOT = translations.ROOT
CATALOGUES = ROOT / "app" / "translations"


def test_the_catalogues_have_every_string_of_the_code_translated_and_their_qm_files_are_built_from_them() -> None:
    """Runs pyside6-lupdate over app/ into a temporary file and compares: a string the code has and the
    catalogue lacks, one the code no longer has, one not translated yet, and a .qm older than its .ts each
    fail, named (context: source). packaging/translations.py update fixes all but the translating."""
    report = translations.tool().check()
    assert report.ok(), "\n".join(["The translation catalogues are not in step with the code:", *report.lines()])


_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?::[^{}]*)?\}|%L?n|%L?[1-9]")


def _finished(ts: Path) -> list[tuple[str, str, list[str]]]:
    """(context, source, its translations: one, or one per plural form) of each finished message."""
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            forms = [form.text or "" for form in translation.findall("numerusform")] or [translation.text or ""]
            out.append((context.findtext("name") or "", message.findtext("source") or "", forms))
    return out


def _mnemonics(text: str) -> int:
    return len(re.findall(r"&(?!&)\S", text.replace("&&", "")))


def unfaithful(ts: Path) -> list[str]:
    """The finished translations in ``ts`` whose placeholders or &-mnemonic differ from their source's."""
    wrong = []
    for context, source, forms in _finished(ts):
        wanted = sorted(set(_PLACEHOLDER.findall(source)))
        for form in forms:
            if sorted(set(_PLACEHOLDER.findall(form))) != wanted:
                wrong.append(f"{context or '(no context)'}: {source!r} -> {form!r}: placeholders differ")
            if _mnemonics(source) != _mnemonics(form):
                wrong.append(f"{context or '(no context)'}: {source!r} -> {form!r}: & mnemonic differs")
    return wrong


@pytest.mark.parametrize("name", ["samtal_sv.ts", "samtal_en.ts"])
def test_each_translation_keeps_the_placeholders_and_the_keyboard_mnemonic_of_its_source(name: str) -> None:
    """{name}, %1 and %n are filled in by the code: a translation that drops or renames one shows a hole or
    raises KeyError. A menu text with an &-mnemonic keeps one (its letter may change)."""
    wrong = unfaithful(CATALOGUES / name)
    assert not wrong, "\n".join(wrong)


def test_the_placeholder_check_sees_a_lost_placeholder_and_a_lost_mnemonic(tmp_path: Path) -> None:
    ts = tmp_path / "x.ts"
    ts.write_text(
        """<?xml version="1.0" encoding="utf-8"?><TS version="2.1" language="sv_SE"><context><name>C</name>
        <message><source>Saved {name}.</source><translation>Sparade {namn}.</translation></message>
        <message><source>&amp;Quit</source><translation>Avsluta</translation></message>
        <message><source>{n:,} s</source><translation>{n:,} s</translation></message>
        <message numerus="yes"><source>%Ln token(s)</source><translation>
            <numerusform>%Ln token</numerusform><numerusform>många token</numerusform></translation></message>
        <message><source>Later {x}</source><translation type="unfinished"></translation></message>
        </context></TS>""",
        encoding="utf-8",
    )
    assert [line.split(": ")[-1] for line in unfaithful(ts)] == [
        "placeholders differ",
        "& mnemonic differs",
        "placeholders differ",
    ]


# Qt calls that show their string argument(s) to people, and which positional arguments those are.
_SHOWN: dict[str, tuple[int, ...]] = {
    "setText": (0,),
    "setToolTip": (0,),
    "setStatusTip": (0,),
    "setWhatsThis": (0,),
    "setWindowTitle": (0,),
    "setPlaceholderText": (0,),
    "setAccessibleName": (0,),
    "setAccessibleDescription": (0,),
    "setTitle": (0,),
    "setLabelText": (0,),
    "setInformativeText": (0,),
    "showMessage": (0,),
    "addTab": (1,),
    "setTabText": (1,),
    "addItem": (0,),
    "insertItem": (1,),
    "setItemText": (1,),
    "addAction": (0,),
    "addMenu": (0,),
    "addRow": (0,),
    "addButton": (0,),
    "QLabel": (0,),
    "QPushButton": (0,),
    "QCheckBox": (0,),
    "QRadioButton": (0,),
    "QGroupBox": (0,),
    "QAction": (0,),
    "QMenu": (0,),
    "information": (1, 2),
    "warning": (1, 2),
    "critical": (1, 2),
    "question": (1, 2),
    "getText": (1, 2),
    "getItem": (1, 2),
    "getOpenFileName": (1,),
    "getOpenFileNames": (1,),
    "getSaveFileName": (1,),
}
# Words that are names, the same in every language.
_NAMES = {"Samtal", "https://gateway.example.com"}
_WORD = re.compile(r"[A-Za-z]{2,}")


def _literal_words(node: ast.expr) -> str:
    """The text of a string literal (an f-string's fixed parts), "" for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(part.value for part in node.values if isinstance(part, ast.Constant))
    else:
        return ""
    for name in _NAMES:
        text = text.replace(name, "")
    return text if _WORD.search(text) else ""


def untranslated_literals(source: str) -> list[tuple[int, str, str]]:
    """(line, call, text) of each string literal with words that ``source`` passes straight to a Qt call that
    shows it (``setText("Save")``, ``QLabel("Name:")``, ``addAction("Copy")``...)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        for position in _SHOWN.get(name, ()):
            if position < len(node.args) and (words := _literal_words(node.args[position])):
                found.append((node.lineno, name, words))
    return found


def test_the_literal_check_sees_a_text_handed_to_a_widget_and_not_one_through_tr() -> None:
    source = (
        'label.setText("Save")\n'
        'label.setText(self.tr("Save"))\n'
        'box.addTab(page, f"Page {n}")\n'
        'QMessageBox.warning(self, "Samtal", _tr("Gone"))\n'
        'button = QPushButton("…")\n'
    )
    assert untranslated_literals(source) == [(1, "setText", "Save"), (3, "addTab", "Page ")]


def test_no_literal_text_reaches_a_widget_without_tr() -> None:
    """Reads the window's code (app/ui, app/wiring, app/chat, app/*.py) for a string literal with words
    passed straight to a Qt call that shows it: such a text never reaches a catalogue. What this can't
    see, a text built elsewhere and passed in a variable, tests/gui/test_translations.py catches on screen."""
    files = [*(ROOT / "app").glob("*.py")]
    for package in ("ui", "wiring", "chat"):
        files += (ROOT / "app" / package).rglob("*.py")
    found = [
        f"{path.relative_to(ROOT)}:{line}: {call}({text!r})"
        for path in sorted(files)
        for line, call, text in untranslated_literals(path.read_text(encoding="utf-8"))
    ]
    assert not found, "Texts shown without tr():\n" + "\n".join(found)


def translate_helpers(source: str) -> list[int]:
    """Lines where ``source`` translates a text it did not write there (``QCoreApplication.translate("Ctx",
    text)`` in a helper): pyside6-lupdate files the helper's callers under no context or their class, never
    under "Ctx", so their translations are never found."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "translate"
            and len(node.args) >= 2
            and isinstance(node.args[0], ast.Constant)
            and node.args[0].value != ""
            and not isinstance(node.args[1], ast.Constant)
        ):
            lines.append(node.lineno)
    return lines


def test_the_helper_check_sees_a_translate_helper_with_a_context_of_its_own() -> None:
    source = (
        "def _tr(text):\n"
        '    return QCoreApplication.translate("Mine", text)\n'
        'label = QCoreApplication.translate("Mine", "Fine")\n'
        'other = QCoreApplication.translate("", text)\n'
    )
    assert translate_helpers(source) == [2]


def test_no_module_translates_through_a_helper_with_a_context_of_its_own() -> None:
    """Module-level code translates with app.language.tr (imported as _tr), whose context is the one lupdate
    gives a bare tr() call."""
    found = [
        f"{path.relative_to(ROOT)}:{line}: use `from app.language import tr as _tr` instead"
        for path in sorted((ROOT / "app").rglob("*.py"))
        for line in translate_helpers(path.read_text(encoding="utf-8"))
    ]
    assert not found, "\n".join(found)


def test_a_merge_borrows_the_other_sides_finished_translations_for_strings_unfinished_here(tmp_path: Path) -> None:
    """After two branches both add strings, one side's catalogue is taken and ``update --from`` the other
    fills in the other side's work, while a translation this side already has is kept."""
    here = tmp_path / "samtal_sv.ts"
    here.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="sv_SE">\n'
        "<context><name>Panel</name>"
        '<message><source>Theirs</source><translation type="unfinished"></translation></message>'
        "<message><source>Ours</source><translation>Vår</translation></message>"
        '<message><source>Nobody</source><translation type="unfinished"></translation></message>'
        "</context></TS>\n",
        encoding="utf-8",
    )
    donor = (
        '<TS version="2.1" language="sv_SE"><context><name>Panel</name>'
        "<message><source>Theirs</source><translation>Deras</translation></message>"
        "<message><source>Ours</source><translation>Fel</translation></message>"
        '<message><source>Nobody</source><translation type="unfinished">x</translation></message>'
        "</context><context><name>Other</name>"
        "<message><source>Nobody</source><translation>Ingen</translation></message></context></TS>"
    )
    assert translations.tool().borrow_translations(here, ["", donor]) is True
    found = {key[1]: message.find("translation") for key, message in translations.tool().messages(here).items()}
    assert (found["Theirs"].text, found["Theirs"].get("type")) == ("Deras", None)
    assert found["Ours"].text == "Vår"
    assert found["Nobody"].get("type") == "unfinished"  # an unfinished donor and another context lend nothing
