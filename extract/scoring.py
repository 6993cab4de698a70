"""Scoring commitment records against gold records.

The same matching as the project's reference scorer (`../shared/tools/score.py`;
`tests/test_evaluate.py` checks that the figures agree): records are matched by
(doc, paragraph, clause), only `operative` and `recommendation` records count,
and each field is scored with precision, recall and F1.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from resograph.errors import UserError

SCORED_SECTIONS = ("operative", "recommendation")
FIELDS = ("clauses", "paragraphs", "verb", "strength", "modifiers", "actors", "obligation verbs",
          "obligation text", "hedged", "instruments")
STRIPPED = re.compile(r"\b(all|the|concerned|relevant|other)\b")
STOP = {"the", "of", "on", "and", "for", "to", "in", "a", "an"}
TEXT_OVERLAP = 0.5

Key = tuple[str, str, int]


class GoldError(UserError, ValueError):
    """A gold or system file that is not JSON Lines; the message names the file and line."""


def read_jsonl(path: str | Path) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError as e:
                    raise GoldError(f"{path}:{n}: not JSON: {e}") from None
    return out


def keyed(records: Iterable[dict], ignore_doc: bool = False, prefix: str = "") -> dict[Key, dict]:
    recs = {}
    for r in records:
        if r.get("section", "operative") not in SCORED_SECTIONS:
            continue
        doc = prefix if ignore_doc else prefix + str(r.get("doc", ""))
        recs[(doc, str(r.get("paragraph", "")).replace(" ", ""), int(r.get("clause", 1)))] = r
    return recs


def prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else (1.0 if not n_sys else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def norm_label(s: str) -> str:
    s = s.lower().replace("\u2019", "'")
    s = re.sub(r"[^\w\s'-]", " ", s)
    return " ".join(STRIPPED.sub(" ", s).split())


def label_match(a: str, b: str) -> bool:
    na, nb = norm_label(a), norm_label(b)
    if not na or not nb:
        return a.strip().lower() == b.strip().lower()
    return na in nb or nb in na


def instrument_tokens(s: str) -> set[str]:
    s = s.lower().replace("united nations", "un")
    return {t for t in re.findall(r"[\w/.-]+", s) if t not in STOP}


def instrument_match(a: str, b: str) -> bool:
    ta, tb = instrument_tokens(a), instrument_tokens(b)
    return bool(ta) and bool(tb) and (ta <= tb or tb <= ta)


def text_overlap(a: str, b: str) -> float:
    ta, tb = Counter(re.findall(r"\w+", a.lower())), Counter(re.findall(r"\w+", b.lower()))
    if not ta or not tb:
        return 0.0
    return sum((ta & tb).values()) / max(sum(ta.values()), sum(tb.values()))


def greedy(gold_items: list, sys_items: list, match) -> int:
    used = [False] * len(sys_items)
    tp = 0
    for g in gold_items:
        for i, s in enumerate(sys_items):
            if not used[i] and match(g, s):
                used[i] = True
                tp += 1
                break
    return tp


def _eq(a, b) -> bool:
    return a == b


FIELD_GETTERS = {
    "verb": (lambda r: [str(r.get("verb", "")).lower().strip()], _eq),
    "strength": (lambda r: [r.get("strength")], _eq),
    "modifiers": (lambda r: [m.lower() for m in r.get("modifiers", [])], _eq),
    "actors": (lambda r: list(r.get("actors", [])), label_match),
    "obligation verbs": (lambda r: [str(o.get("verb", "")).lower() for o in r.get("obligations", [])], _eq),
    "obligation text": (lambda r: [str(o.get("text", "")) for o in r.get("obligations", [])],
                        lambda a, b: text_overlap(a, b) >= TEXT_OVERLAP),
    "hedged": (lambda r: [bool(o.get("hedged")) for o in r.get("obligations", []) if o.get("hedged")], _eq),
    "instruments": (lambda r: [str(i) for i in r.get("instruments", [])], instrument_match),
}


def score(gold: dict[Key, dict], system: dict[Key, dict]) -> dict[str, tuple[float, float, float]]:
    """Precision, recall and F1 per field (FIELDS order)."""
    rows = {}
    keys_g, keys_s = set(gold), set(system)
    common = keys_g & keys_s
    rows["clauses"] = prf(len(common), len(keys_s), len(keys_g))
    paras_g, paras_s = {k[:2] for k in keys_g}, {k[:2] for k in keys_s}
    rows["paragraphs"] = prf(len(paras_g & paras_s), len(paras_s), len(paras_g))
    for name, (get, match) in FIELD_GETTERS.items():
        tp = n_s = n_g = 0
        for k in keys_g | keys_s:
            g = get(gold[k]) if k in gold else []
            s = get(system[k]) if k in system else []
            n_g += len(g)
            n_s += len(s)
            if k in common:
                tp += greedy(g, s, match)
        rows[name] = prf(tp, n_s, n_g)
    return rows


def mean_f1(rows: dict[str, tuple[float, float, float]]) -> float:
    return sum(f for _, _, f in rows.values()) / len(rows)


def format_table(rows: dict[str, tuple[float, float, float]]) -> str:
    lines = [f"{'field':<18} {'P':>6} {'R':>6} {'F1':>6}"]
    lines += [f"{k:<18} {p:6.3f} {r:6.3f} {f:6.3f}" for k, (p, r, f) in rows.items()]
    lines.append(f"mean F1 {mean_f1(rows):.3f}")
    return "\n".join(lines)


def as_json(rows: dict[str, tuple[float, float, float]]) -> dict:
    return {k: {"p": p, "r": r, "f1": f} for k, (p, r, f) in rows.items()}
