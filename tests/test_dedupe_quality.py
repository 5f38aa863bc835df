"""Quality gate: pairwise precision and recall of the index on a generated, labelled corpus (fixed seeds)."""
from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

from pipeline.dedupe_index import ArticleText, DedupeIndex

ROOT = Path(__file__).resolve().parents[1]
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
MIN_PRECISION = 0.995
MIN_RECALL = 0.99


def load_corpus_generator():
    spec = importlib.util.spec_from_file_location("dedupe_corpus", ROOT / "benchmarks" / "dedupe_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


def pairs(groups) -> set[tuple[int, int]]:
    found = set()
    for members in groups:
        ordered = sorted(members)
        found.update((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1:])
    return found


@pytest.mark.parametrize("seed", [101, 202])
def test_pairwise_precision_and_recall_floors(seed):
    if not (SHARED_CORPUS / "seed-listing.txt").exists():
        pytest.skip(f"{SHARED_CORPUS} is absent: the shared corpus sits beside the repository (../shared/corpus)")
    corpus = load_corpus_generator()
    articles = corpus.generate(4000, seed=seed, vocabulary=corpus.load_vocabulary(SHARED_CORPUS, seed=seed))
    kinds = Counter(a["variant"].split("-copy")[0] for a in articles)
    # The gate means something only with every kind of hard negative and plenty of reposts in it.
    assert kinds["template"] > 300 and kinds["series"] > 200 and kinds["title"] > 200
    assert sum("-copy:" in a["variant"] for a in articles) > 1500

    index = DedupeIndex.rebuild(ArticleText(a["id"], a["title"], a["body"], a["published"]) for a in articles)
    found = pairs(index.clusters().values())
    truth = corpus.truth_pairs(articles)
    precision = len(found & truth) / len(found)
    recall = len(found & truth) / len(truth)
    assert precision >= MIN_PRECISION, f"precision {precision:.4f} (recall {recall:.4f})"
    assert recall >= MIN_RECALL, f"recall {recall:.4f} (precision {precision:.4f})"


def test_every_cluster_has_its_earliest_member_as_canonical():
    if not (SHARED_CORPUS / "seed-listing.txt").exists():
        pytest.skip(f"{SHARED_CORPUS} is absent: the shared corpus sits beside the repository (../shared/corpus)")
    corpus = load_corpus_generator()
    articles = corpus.generate(600, seed=3, vocabulary=corpus.load_vocabulary(SHARED_CORPUS, seed=3))
    published = {a["id"]: a["published"] for a in articles}
    index = DedupeIndex.rebuild(ArticleText(a["id"], a["title"], a["body"], a["published"]) for a in articles)
    for cluster_id, members in index.clusters().items():
        assert published[index.canonical(cluster_id)] == min(published[m] for m in members)


def test_real_articles_stay_apart_and_their_reposts_find_them():
    bodies_file = SHARED_CORPUS / "real-pages" / "gold-bodies.jsonl"
    if not bodies_file.exists():
        pytest.skip(f"{bodies_file} is absent: the shared corpus sits beside the repository (../shared/corpus)")
    import json

    bodies = [json.loads(line)["body"] for line in bodies_file.read_text(encoding="utf-8").splitlines()]
    bodies = [b for b in bodies if len(b) >= 300]
    index = DedupeIndex()
    for number, body in enumerate(bodies, 1):
        assert index.add(number, "", body).matched_id is None, f"real article {number} matched another one"
    for number, body in enumerate(bodies, 1):
        paragraphs = body.split("\n")
        repost = "来源：人民网\n" + "\n".join(paragraphs[: max(len(paragraphs) - 1, 1)]).replace("，", ",")
        assert index.match("【转载】", repost) == number
