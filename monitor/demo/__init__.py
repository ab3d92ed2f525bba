"""`monitor demo`: the shipped February 2015 story, replayed crawl by crawl, offline."""
