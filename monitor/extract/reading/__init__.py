"""Event reading: what an article says about each watched event. Pure, no Scrapy."""
