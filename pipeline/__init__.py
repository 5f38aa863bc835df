"""zhaoshang-watch: crawl, archive and watch Chinese investment-promotion portals."""

__version__ = "0.1.0"
