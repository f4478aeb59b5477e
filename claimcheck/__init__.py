"""claimcheck: who said what across a folder of news articles, grounded in the text."""
__version__ = "0.1.0"
