"""lint-news: a linter for the YAML front matter of news articles."""

__version__ = "0.1.0"
