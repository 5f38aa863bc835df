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
