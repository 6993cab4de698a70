"""The extraction pipeline: documents in, commitment records out.

`load_pipeline()` assembles spacy.blank("en") with the rule components named in
`config.cfg`; `extract_document()` runs it over one Document's paragraphs and
turns what the components left on each Doc into `Commitment` records with
source spans; `extract_documents()` does the same for many documents through
`nlp.pipe` (optionally in several processes).
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import load_config

from resograph.extract import actors, evidence, extensions, hedges, instruments, obligations, verbs  # noqa: F401
from resograph.extract.phrases import shared_phrases
from resograph.extract.extensions import set_value
from resograph.extract.words import release as release_words
from resograph.extract.assemble import assemble, may_hold_records, paragraph_context
from resograph.extract.records import Commitment
from resograph.extract import lexicon
from resograph.extract.wordlists import cues, english_lemmas, verb_forms
from resograph.read.model import Document

DEFAULT_CONFIG = Path(__file__).parent / "config.cfg"


def load_pipeline(config_path: str | Path | None = None) -> Language:
    """spacy.blank(lang) with the components of the config's [components], in [nlp] pipeline order."""
    config = load_config(Path(config_path) if config_path else DEFAULT_CONFIG)
    nlp = spacy.blank(config["nlp"].get("lang", "en"))
    for name in config["nlp"]["pipeline"]:
        settings = dict(config["components"][name])
        factory = settings.pop("factory")
        nlp.add_pipe(factory, name=name, config=settings)
    # the lexicons, lemma tables and matchers live as long as the process: load the lazy ones now and keep
    # the garbage collector from rescanning them (a full collection walked the lemma tables' 400k entries)
    _warm_lexicons()
    gc.freeze()
    return nlp


def _warm_lexicons() -> None:
    english_lemmas()
    lexicon.state_by_name("")
    lexicon.actor_by_alias("")
    lexicon.instrument_by_alias("")
    cues()


_default: Language | None = None


def default_pipeline() -> Language:
    global _default
    if _default is None:
        _default = load_pipeline()
    return _default


def _directive_participles(nlp: Language) -> tuple[str, ...]:
    """First words of the preambular participles the verb component knows to embed a directive."""
    verbs = nlp.get_pipe("operative_verbs") if "operative_verbs" in nlp.pipe_names else None
    forms = verbs.forms.values() if verbs is not None else verb_forms()
    return tuple(sorted({f.form.split()[0] for f in forms if f.use == "participle" and f.frame != "none"}))


def _paragraph_docs(nlp: Language, documents: list[Document]):
    participles = _directive_participles(nlp)
    for di, document in enumerate(documents):
        context = paragraph_context(document)
        for pi, paragraph in enumerate(document.paragraphs):
            if not may_hold_records(paragraph, participles):
                continue
            doc = nlp.make_doc(paragraph.text)
            set_value(doc, "para", context(paragraph))
            yield doc, (di, pi)


def extract_documents(docs: Iterable[Document], nlp: Language | None = None,
                      n_process: int = 1, batch_size: int = 64) -> Iterator[tuple[Document, list[Commitment]]]:
    """(document, records) for each document, in order; paragraphs stream through nlp.pipe."""
    nlp = nlp or default_pipeline()
    documents = list(docs)
    current = 0
    stream = nlp.pipe(_paragraph_docs(nlp, documents), as_tuples=True, n_process=n_process, batch_size=batch_size)
    pending: list[tuple[int, int, Doc]] = []
    phrases = shared_phrases(nlp)
    for doc, (di, pi) in stream:
        if di != current:
            yield from _flush(documents, pending, current, di, phrases)
            current = di
            pending = []
        pending.append((di, pi, doc))
    yield from _flush(documents, pending, current, len(documents), phrases)


def _flush(documents, pending, first, upto, phrases):
    for di in range(first, upto):
        mine = [(pi, doc) for d, pi, doc in pending if d == di]
        records = assemble(documents[di], [(documents[di].paragraphs[pi], doc) for pi, doc in mine])
        for _, doc in mine:
            release_words(doc)
            phrases.release(doc)
        yield documents[di], records


def extract_document(doc: Document, nlp: Language | None = None) -> list[Commitment]:
    """The commitment records of one document."""
    for _, records in extract_documents([doc], nlp):
        return records
    return []


def extract_files(paths: Iterable[str | Path], catalogue=None, nlp: Language | None = None, n_process: int = 1,
                  progress: bool = False) -> Iterator[tuple[Path, Document | None, list[Commitment], str | None]]:
    """Read and extract each file: (path, document, records, error); a file that cannot be read gives
    its one-line error and no document, and the others go on. `progress` shows a bar on stderr."""
    from resograph.read import read_many

    read = list(read_many([Path(p) for p in paths], catalogue))
    documents = [d for _, d in read if isinstance(d, Document)]
    results = iter(extract_documents(documents, nlp, n_process=n_process))
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(read), desc="extracting", unit="file", file=sys.stderr)
    for path, got in read:
        if isinstance(got, Document):
            document, records = next(results)
            yield path, document, records, None
        else:
            yield path, None, [], str(got)
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
