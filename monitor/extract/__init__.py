"""Extraction: what a fetched page says. Pure functions, no Scrapy.

`article/` turns a page into an `Article` (body, title, dates, authors); `reading/` reads an
article for each watched event (which event, how sure, who says so, the facts).
"""
