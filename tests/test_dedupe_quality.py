"""Quality gate: pairwise precision and recall of the index on a generated, labelled corpus (fixed seeds)."""
from __future__ import annotations

from collections import Counter

import pytest
from corpus import REAL_PAGES, generated_articles, pairs_within, read_jsonl

from pipeline.dedupe_index import ArticleText, DedupeIndex

MIN_PRECISION = 0.995
MIN_RECALL = 0.99


@pytest.mark.parametrize("seed", [101, 202])
def test_pairwise_precision_and_recall_floors(seed):
    corpus, articles = generated_articles(4000, seed=seed)
    kinds = Counter(a["variant"].split("-copy")[0] for a in articles)
    # The gate means something only with every kind of hard negative and plenty of reposts in it.
    assert kinds["template"] > 300 and kinds["series"] > 200 and kinds["title"] > 200
    assert sum("-copy:" in a["variant"] for a in articles) > 1500

    index = DedupeIndex.rebuild(ArticleText(a["id"], a["title"], a["body"], a["published"]) for a in articles)
    found = pairs_within(index.clusters().values())
    truth = corpus.truth_pairs(articles)
    precision = len(found & truth) / len(found)
    recall = len(found & truth) / len(truth)
    assert precision >= MIN_PRECISION, f"precision {precision:.4f} (recall {recall:.4f})"
    assert recall >= MIN_RECALL, f"recall {recall:.4f} (precision {precision:.4f})"


def test_every_cluster_has_its_earliest_member_as_canonical():
    _, articles = generated_articles(600, seed=3)
    published = {a["id"]: a["published"] for a in articles}
    index = DedupeIndex.rebuild(ArticleText(a["id"], a["title"], a["body"], a["published"]) for a in articles)
    for cluster_id, members in index.clusters().items():
        assert published[index.canonical(cluster_id)] == min(published[m] for m in members)


def test_real_articles_stay_apart_and_their_reposts_find_them():
    bodies = [record["body"] for record in read_jsonl(REAL_PAGES / "gold-bodies.jsonl")]
    bodies = [b for b in bodies if len(b) >= 300]
    index = DedupeIndex()
    for number, body in enumerate(bodies, 1):
        assert index.add(number, "", body).matched_id is None, f"real article {number} matched another one"
    for number, body in enumerate(bodies, 1):
        paragraphs = body.split("\n")
        repost = "来源：人民网\n" + "\n".join(paragraphs[: max(len(paragraphs) - 1, 1)]).replace("，", ",")
        assert index.match("【转载】", repost) == number
