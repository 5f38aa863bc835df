"""`zswatch search` and `zswatch show` on an archive built by real crawls."""
import json

from crawling import crawl, write_config, zswatch


def test_search_and_show_after_an_edit(portal, tmp_path):
    config = write_config(tmp_path, portal.base_url)
    crawl(config, "changsha-zs")
    portal.state.edit("0001", lambda body: body.replace("地区生产总值增长4%", "地区生产总值增长4.5%"))
    crawl(config, "changsha-zs")

    hits = json.loads(zswatch(config, "search", "天心区 政府工作报告", "--json").stdout)
    assert hits[0]["title"] == "【天心区招商】2021年天心区政府工作报告"
    assert "天心区" in hits[0]["snippet"]
    assert json.loads(zswatch(config, "search", "长沙", "--json").stdout)
    assert json.loads(zswatch(config, "search", "不存在的词语组合", "--json").stdout) == []
    empty = zswatch(config, "search", "  ")
    assert empty.returncode == 2 and "at least one word" in empty.stderr

    article_id = hits[0]["id"]
    shown = json.loads(zswatch(config, "show", str(article_id), "--json").stdout)
    assert [v["number"] for v in shown["versions"]] == [1, 2]
    assert [(c["indicator"], c["old_value"], c["new_value"]) for c in shown["figure_changes"]] == [
        ("地区生产总值增长", 4.0, 4.5)
    ]
    text = zswatch(config, "show", str(article_id), "--diff").stdout
    assert "地区生产总值增长: 4% → 4.5%" in text
    assert "[-4-]{+4.5+}" in text
    missing = zswatch(config, "show", "9999")
    assert missing.returncode == 1 and "no article with id 9999" in missing.stderr


def test_figure_changes_across_the_archive_with_filters(portal, tmp_path):
    config = write_config(tmp_path, portal.base_url)
    crawl(config)
    portal.state.edit("0001", lambda body: body.replace("地区生产总值增长4%", "地区生产总值增长4.5%"))
    portal.state.edit("r0005", lambda body: body.replace("总投资120亿元", "总投资150亿元"))
    crawl(config)

    def changes(*args):
        result = zswatch(config, "figure-changes", "--json", *args)
        assert result.returncode == 0, result.stderr
        return {(row["indicator"], row["old_text"], row["new_text"]) for row in json.loads(result.stdout)}

    everything = changes()
    assert {("地区生产总值增长", "4%", "4.5%"), ("总投资", "120亿元", "150亿元")} <= everything
    assert changes("--region", "天心区") == {("地区生产总值增长", "4%", "4.5%")}
    assert changes("--indicator", "总投资") == {("总投资", "120亿元", "150亿元")}
    assert changes("--since", "2999-01-01") == set()
    text = zswatch(config, "figure-changes").stdout
    assert "总投资: 120亿元 → 150亿元" in text

    repost = json.loads(zswatch(config, "search", "宁乡市培育壮大三大产业链", "--json").stdout)
    shown = [json.loads(zswatch(config, "show", str(hit["id"]), "--json").stdout) for hit in repost]
    conflicts = [c for article in shown for c in article["conflicts"]]
    assert {(c["indicator"], c["text"], c["other_text"]) for c in conflicts} == {
        ("总投资", "150亿元", "120亿元"), ("总投资", "120亿元", "150亿元")
    }
