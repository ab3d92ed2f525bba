"""Extraction: what a fetched page says, as an article and as event facts. Pure, no Scrapy."""
