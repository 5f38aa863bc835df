import pytest

from spiders.urls import canonical_url, is_tracking_parameter


@pytest.mark.parametrize(
    "linked, canonical",
    [
        ("http://127.0.0.1:8000/zsyz/a.html?utm_source=wechat&from=timeline&spm=a2.b3", "http://127.0.0.1:8000/zsyz/a.html"),
        ("HTTP://WWW.Example.GOV.cn:80/a//b.html#top", "http://www.example.gov.cn/a/b.html"),
        ("https://x.gov.cn:443/c.jsp?id=7&share=1&isappinstalled=0", "https://x.gov.cn/c.jsp?id=7"),
        ("https://x.gov.cn/c.jsp?b=2&a=1", "https://x.gov.cn/c.jsp?a=1&b=2"),
        ("http://x.cn/新闻/1.html?q=长沙", "http://x.cn/%E6%96%B0%E9%97%BB/1.html?q=%E9%95%BF%E6%B2%99"),
    ],
)
def test_canonical_url(linked, canonical):
    assert canonical_url(linked) == canonical


def test_content_parameters_are_kept():
    assert not is_tracking_parameter("id")
    assert not is_tracking_parameter("page")
    assert is_tracking_parameter("UTM_Campaign")
    assert canonical_url(canonical_url("http://a.cn/x?id=1&utm_medium=x")) == "http://a.cn/x?id=1"
