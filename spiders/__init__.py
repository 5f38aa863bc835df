"""Scrapy spiders: listing pages, feeds and sitemaps, and the extraction of an article page."""
