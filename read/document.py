"""read_document: one file in, one Document out (or a ReadError naming the file and the problem)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from resograph.read import model as m
from resograph.read.catalogue import Catalogue
from resograph.read.clean import Hyphenation
from resograph.read.decode import decode
from resograph.read.detect import DOCX, LAYOUTS, PDF, detect_format
from resograph.read.errors import ReadError
from resograph.read.footnotes import build_footnotes
from resograph.read.layout import FOOTNOTE, split_units
from resograph.read.metadata import from_catalogue, from_text, front_matter, merge
from resograph.read.states import find_state_lists, names_former_states
from resograph.read.structure import MarkerSequence, build_paragraphs, join_continuations


LARGE = 5_000_000  # characters; the longest UN resolutions and reports are well under 1 million


def read_document(path: str | Path, catalogue: Catalogue | None = None) -> m.Document:
    path = Path(path)
    try:
        if path.is_dir():
            raise ReadError(path, "is a directory, not a document")
        suffix = path.suffix.lower()
        if suffix == ".pdf":
            from resograph.read.pdf import pdf_text

            source, warnings = pdf_text(path)
            fmt = PDF
        elif suffix == ".docx":
            from resograph.read.docx import docx_text

            source, warnings = docx_text(path)
            fmt = DOCX
        else:
            source, warnings = decode(path.read_bytes(), path)
            fmt = None
    except FileNotFoundError:
        raise ReadError(path, "no such file") from None
    except PermissionError:
        raise ReadError(path, "permission denied") from None
    except IsADirectoryError:
        raise ReadError(path, "is a directory, not a document") from None
    except OSError as exc:
        raise ReadError(path, f"cannot read: {exc.strerror or exc}") from None
    return parse_text(path, source, fmt, catalogue, warnings)


def parse_text(path: Path, source: str, fmt: str | None, catalogue: Catalogue | None, warnings: list[str]) -> m.Document:
    if not source.strip():
        raise ReadError(path, "empty file: no text to read" if not source else "no text: the file holds only white space")
    front, body_start, fm_warnings = front_matter(source)
    warnings = list(warnings) + fm_warnings
    fmt = fmt or detect_format(source[body_start:])
    layout = LAYOUTS[fmt]
    split = split_units(source, layout, body_start)

    text_meta = from_text(source, [split.header, split.trailer, *split.running_heads], split.opening_formula)
    row = catalogue.lookup(path) if catalogue is not None else None
    cat_meta = from_catalogue(row) if row else {}
    meta = merge(text_meta, front, cat_meta)
    report = meta.get("type", m.Value(m.OTHER, "")).value == m.SG_REPORT or (
        split.opening_formula is None and "type" not in meta and _has_sections(split.units)
    )

    hyphenation = Hyphenation(source)
    units, stray_notes = join_continuations(source, split.units, report)
    note_units = sorted([u for u in split.units if u.kind == FOOTNOTE] + stray_notes, key=lambda u: u.start)
    markers = MarkerSequence({u.marker for u in note_units if u.marker})
    paragraphs, cleaned, para_warnings = build_paragraphs(source, units, report, hyphenation, markers)
    warnings += para_warnings

    referenced = {mk for _, c in cleaned for mk, _ in c.markers}
    footnotes, fn_warnings = build_footnotes(source, note_units, referenced, hyphenation)
    warnings += fn_warnings
    _link_footnotes(cleaned, footnotes, warnings)
    if report:  # reports list the Member States that reported a measure
        former = names_former_states(_year(meta))
        for para in paragraphs:
            para.states = find_state_lists(para.text, former)

    if not paragraphs or not _has_structure(paragraphs, split.opening_formula, report):
        raise ReadError(path, f"no resolution or report structure found ({fmt} text, {len(source)} characters): "
                              "no opening formula, numbered paragraph or known opening phrase")
    warnings += _coverage_warnings(split, source, paragraphs, report)

    doc_id = (cat_meta.get("id") or text_meta.get("symbol") or front.get("id") or front.get("symbol"))
    return m.Document(
        path=str(path),
        id=str(doc_id.value) if doc_id else path.stem,
        format=fmt,
        source_text=source,
        meta=meta,
        paragraphs=paragraphs,
        footnotes=footnotes,
        warnings=warnings,
    )


def _coverage_warnings(split, source: str, paragraphs: list[m.Paragraph], report: bool) -> list[str]:
    """Honest notes on what was not read: an annex, text after the end, a missing operative part."""
    warnings = []
    if split.annex_lines:
        warnings.append(f"an annex starts at offset {split.annex_at}: its text is not read as paragraphs of the document")
    elif split.unread_lines > 10:
        warnings.append(f"{split.unread_lines} lines after the end of the document (its adoption or signature line) "
                        "were not read: is this several documents in one file?")
    trailer_chars = len(source) - split.trailer[0]
    if trailer_chars > 20_000:
        warnings.append(f"{trailer_chars} characters after the document's trailer were not read")
    if len(source) > LARGE:
        warnings.append(f"unusually large for one document ({len(source) / 1e6:.1f} million characters)")
    if not report and not any(p.kind == m.OPERATIVE for p in paragraphs):
        warnings.append("no operative part: only preamble paragraphs were found")
    return warnings


def _year(meta: dict[str, m.Value]) -> int | None:
    """The year of the document: its dates, else its General Assembly session (session N opens in 1945 + N)."""
    for key in ("date_adopted", "date_issued"):
        value = meta.get(key)
        if value is not None and str(value.value)[:4].isdigit():
            return int(str(value.value)[:4])
    session = meta.get("session")
    return 1945 + session.value if session is not None and isinstance(session.value, int) else None


def _has_structure(paragraphs: list[m.Paragraph], formula: str | None, report: bool) -> bool:
    return bool(formula) or report or any(p.kind != m.PREAMBLE or p.opening for p in paragraphs)


def _has_sections(units) -> bool:
    return any(u.kind == "heading" and u.level == 1 for u in units)


def _link_footnotes(cleaned, footnotes: list[m.Footnote], warnings: list[str]) -> None:
    by_marker: dict[str, list[m.Footnote]] = {}
    for note in footnotes:
        by_marker.setdefault(note.marker, []).append(note)
    used: dict[str, int] = {}
    missing = []
    for para, c in cleaned:
        for marker, offset in c.markers:
            notes = by_marker.get(marker, [])
            # a marker reused later in the document (a second `*` note) takes the next note of that marker
            k = min(used.get(marker, 0), len(notes) - 1) if notes else 0
            note = notes[k] if notes else None
            if len(notes) > 1:
                used[marker] = used.get(marker, 0) + 1
            para.footnotes.append(m.FootnoteRef(marker, offset, note))
            if note is None:
                missing.append(marker)
    if missing:
        shown = ", ".join(missing[:10]) + (" ..." if len(missing) > 10 else "")
        warnings.append(f"footnote marker(s) without a footnote text: {shown}")


def read_many(paths: Iterable[str | Path], catalogue: Catalogue | None = None) -> Iterator[tuple[Path, m.Document | ReadError]]:
    """Read each file in turn; a file that cannot be read yields its ReadError and the others go on."""
    for p in paths:
        p = Path(p)
        try:
            yield p, read_document(p, catalogue)
        except ReadError as err:
            yield p, err
        except Exception as exc:  # a reader bug on one file is reported with that file; the others go on
            yield p, ReadError(p, f"internal error while reading ({type(exc).__name__}: {exc})".replace("\n", " "))
