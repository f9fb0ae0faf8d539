"""Keep Samtal's translation catalogues (app/translations) in step with the code, with Qt's own tools.

    .venv/bin/python packaging/translations.py update   # after changing strings: re-extract, then build
    .venv/bin/python packaging/translations.py check    # what is missing, unfinished or obsolete (exit 1)
    .venv/bin/python packaging/translations.py build    # only the .qm files, from the .ts files
    .venv/bin/python packaging/translations.py update --from MERGE_HEAD   # merging branches: keep theirs too

``update`` runs ``pyside6-lupdate`` over every module of ``app/`` into ``samtal_sv.ts`` (every string) and
``samtal_en.ts`` (only the plural forms: English is the source language), drops strings the code no longer
has, fills the English plural forms of sources written ``%n thing(s)``, and builds each ``.qm`` with
``pyside6-lrelease``. New strings stay "unfinished" in ``samtal_sv.ts`` until someone translates them (Qt
Linguist, or an editor), then ``update`` again. ``check`` changes nothing: it lists each string by context
and source, which is what the test in tests/unit/test_translations.py reports too.

How strings are found (app/language.py says the same for the code): ``self.tr("…")`` in a class, under the
class's name; a bare ``tr("…")``/``_tr("…")``/``QT_TR_NOOP("…")``, under the empty context; and
``QCoreApplication.translate("Context", "…")``. Only string literals are found: ``tr(variable)`` translates
only what was marked where the variable's text is written.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = ROOT / "app" / "translations"
# (file, target language, lupdate options of its own)
TS_FILES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("samtal_sv.ts", "sv_SE", ()),
    ("samtal_en.ts", "en", ("-pluralonly",)),
)
ALIASES = "tr+=_tr"  # the module helpers' name, found as tr() is (context: the empty one)


def qt_tool(name: str) -> str:
    """The path of ``pyside6-<name>``: beside this Python first (a virtualenv's bin), then on PATH."""
    here = Path(sys.executable).with_name(f"pyside6-{name}")
    if here.exists():
        return str(here)
    found = shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"translations: pyside6-{name} not found: install PySide6 (tests/run makes .venv)")
    return found


def sources(root: Path = ROOT) -> list[Path]:
    """Every Python module of the app (the command line's strings are found too but none are translated:
    it stays English and calls no tr())."""
    return sorted((root / "app").rglob("*.py"))


def extract(ts: Path, language: str, options: tuple[str, ...], root: Path = ROOT) -> None:
    """Run lupdate over the app into ``ts`` (merged with what is there; strings gone from the code dropped)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lst", delete=False) as listing:
        listing.write("\n".join(str(path) for path in sources(root)))
    try:
        command = [
            qt_tool("lupdate"),
            "-silent",
            "-no-obsolete",
            "-locations",
            "none",  # a shifted line would change the file: diffs show only what changed for translators
            "-source-language",
            "en",
            "-target-language",
            language,
            "-tr-function-alias",
            ALIASES,
            *options,
            f"@{listing.name}",
            "-ts",
            str(ts),
        ]
        subprocess.run(command, check=True, cwd=root)
    finally:
        os.unlink(listing.name)


_ENGLISH_PLURAL = re.compile(r"\((s|es)\)")


def fill_english_plurals(ts: Path) -> bool:
    """English plural forms follow from a source written ``%n token(s)``: ``%n token`` and ``%n tokens``.
    Other unfinished plurals stay unfinished (and ``check`` names them). Returns whether it filled any."""
    tree = ET.parse(ts)
    changed = False
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        if translation is None or translation.get("type") != "unfinished" or message.get("numerus") != "yes":
            continue
        if not _ENGLISH_PLURAL.search(source):
            continue
        forms = translation.findall("numerusform")
        if len(forms) != 2:
            continue
        forms[0].text = _ENGLISH_PLURAL.sub("", source)
        forms[1].text = _ENGLISH_PLURAL.sub(r"\1", source)
        del translation.attrib["type"]
        changed = True
    if changed:
        write_ts(tree, ts)
    return changed


def write_ts(tree: ET.ElementTree, ts: Path) -> None:
    """Write a .ts as lupdate does (its header, UTF-8), so that lupdate's next run changes nothing more."""
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def build(ts: Path, qm: Path) -> None:
    """Compile ``ts`` into ``qm`` (only finished translations go in; the rest show in English)."""
    subprocess.run([qt_tool("lrelease"), "-silent", "-nounfinished", str(ts), "-qm", str(qm)], check=True)


def update(folder: Path = CATALOGUES, root: Path = ROOT, donors: tuple[str, ...] = ()) -> None:
    """Re-extract every catalogue in ``folder`` from the code and build its .qm. Each of ``donors`` (a git
    revision) lends its finished translations to strings still unfinished here: after a merge whose
    catalogues conflicted, take one side's file, then ``update --from`` the other side."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, language, options in TS_FILES:
        ts = folder / name
        extract(ts, language, options, root)
        if language == "en" and fill_english_plurals(ts):
            extract(ts, language, options, root)  # lupdate writes it again in its own layout
        if donors and borrow_translations(ts, [_catalogue_at(revision, ts, root) for revision in donors]):
            extract(ts, language, options, root)
        build(ts, ts.with_suffix(".qm"))


def _catalogue_at(revision: str, ts: Path, root: Path) -> str:
    """The text of catalogue ``ts`` at git ``revision`` ("" when that revision has no such file)."""
    path = ts.resolve().relative_to(root).as_posix()
    shown = subprocess.run(["git", "show", f"{revision}:{path}"], cwd=root, capture_output=True, text=True)
    return shown.stdout if shown.returncode == 0 else ""


def borrow_translations(ts: Path, donors: list[str]) -> bool:
    """Give each unfinished message of ``ts`` the finished translation the same (context, source, comment)
    has in one of ``donors`` (catalogue texts), first donor first. Returns whether any was filled."""
    lent: dict[tuple[str, str, str], ET.Element] = {}
    for text in donors:
        if not text:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            donor = Path(tmp) / "donor.ts"
            donor.write_text(text, encoding="utf-8")
            for key, message in messages(donor).items():
                translation = message.find("translation")
                if translation is not None and translation.get("type") is None:
                    lent.setdefault(key, translation)
    tree = ET.parse(ts)
    changed = False
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            translation = message.find("translation")
            if translation is None or translation.get("type") != "unfinished" or key not in lent:
                continue
            message.remove(translation)
            message.append(lent[key])
            changed = True
    if changed:
        write_ts(tree, ts)
    return changed


@dataclass
class Report:
    """What is not right with the catalogues: each list holds ``context: source`` lines."""

    missing: list[str] = field(default_factory=list)
    """In the code but not in the catalogue (run update)."""
    obsolete: list[str] = field(default_factory=list)
    """In the catalogue but gone from the code (run update)."""
    unfinished: list[str] = field(default_factory=list)
    """In the catalogue without a finished translation (translate, then run update)."""
    stale_qm: list[str] = field(default_factory=list)
    """.qm files that are not what lrelease makes of their .ts (run build)."""

    def ok(self) -> bool:
        return not (self.missing or self.obsolete or self.unfinished or self.stale_qm)

    def lines(self) -> list[str]:
        out = []
        for title, items in (
            ("in the code but not in the catalogue (packaging/translations.py update)", self.missing),
            ("in the catalogue but no longer in the code (packaging/translations.py update)", self.obsolete),
            ("not translated yet (translate them, then packaging/translations.py update)", self.unfinished),
            ("out of date with its .ts (packaging/translations.py build)", self.stale_qm),
        ):
            if items:
                out.append(f"{len(items)} {title}:")
                out.extend(f"  {item}" for item in items)
        return out


def messages(ts: Path) -> dict[tuple[str, str, str], ET.Element]:
    """The messages of a .ts by (context, source, comment), the obsolete and vanished ones included."""
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            found[key] = message
    return found


def _label(key: tuple[str, str, str]) -> str:
    context, source, comment = key
    return f"{context or '(no context)'}: {source!r}" + (f" ({comment})" if comment else "")


def check(folder: Path = CATALOGUES, root: Path = ROOT) -> Report:
    """Compare the catalogues in ``folder`` with a fresh extraction from the code; changes nothing."""
    report = Report()
    with tempfile.TemporaryDirectory() as tmp:
        for name, language, options in TS_FILES:
            committed = folder / name
            fresh = Path(tmp) / name
            extract(fresh, language, options, root)
            have = messages(committed) if committed.exists() else {}
            want = messages(fresh)
            report.missing += [f"{name}: {_label(key)}" for key in want if key not in have]
            report.obsolete += [f"{name}: {_label(key)}" for key in have if key not in want]
            for key, message in have.items():
                translation = message.find("translation")
                kind = translation.get("type") if translation is not None else "unfinished"
                if key in want and kind in ("unfinished", "obsolete", "vanished"):
                    report.unfinished.append(f"{name}: {_label(key)}")
            qm = committed.with_suffix(".qm")
            built = Path(tmp) / qm.name
            if committed.exists():
                build(committed, built)
                if not qm.exists() or qm.read_bytes() != built.read_bytes():
                    report.stale_qm.append(str(qm.relative_to(root)))
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("update", "check", "build"))
    parser.add_argument(
        "--from",
        dest="donors",
        action="append",
        default=[],
        metavar="REVISION",
        help="update: take finished translations from this git revision's catalogues too (e.g. MERGE_HEAD)",
    )
    args = parser.parse_args(argv)
    if args.command == "update":
        update(donors=tuple(args.donors))
    elif args.command == "build":
        for name, _language, _options in TS_FILES:
            build(CATALOGUES / name, (CATALOGUES / name).with_suffix(".qm"))
    report = check()
    for line in report.lines():
        print(line)
    if report.ok():
        print("translations: every string is translated and every .qm is up to date")
        return 0
    return 1


if __name__ == "__main__":
    sys.exit(main())
