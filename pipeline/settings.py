"""Scrapy settings of zswatch (scrapy.cfg points here); the config's `crawl:` section overrides some per run."""
from . import __version__

BOT_NAME = "zswatch"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

USER_AGENT = f"zswatch/{__version__} (zhaoshang-watch change monitor; +https://pypi.org/project/zhaoshang-watch/)"
ROBOTSTXT_OBEY = True
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

# Polite by default: AutoThrottle adapts the delay to each site's latency, never faster than DOWNLOAD_DELAY.
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_DELAY = 0.5
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4

RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
DOWNLOAD_TIMEOUT = 30
# Pages with inline base64 images reach several MB; beyond the limit a page is skipped with a logged reason.
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = DOWNLOAD_MAXSIZE
REDIRECT_ENABLED = True
REDIRECT_MAX_TIMES = 10

ITEM_PIPELINES = {
    "pipeline.normalize_stage.NormalizeStage": 100,
    "pipeline.figures_stage.FiguresStage": 200,
    "pipeline.dedupe_stage.DedupeStage": 300,
    "pipeline.archive_stage.ArchiveStage": 400,
}
EXTENSIONS = {
    "pipeline.run_recorder.RunRecorder": 500,
    "pipeline.progress.ProgressDisplay": 510,
}

ZSWATCH_SOURCE_RESOLVER = "pipeline.sources.resolve_source"
ZSWATCH_CONFIG = "zswatch.yaml"
ZSWATCH_DB = "archive.db"
ZSWATCH_MAX_PAGES = 5
ZSWATCH_RUN_ID = None
ZSWATCH_PROGRESS = False

LOG_LEVEL = "INFO"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
