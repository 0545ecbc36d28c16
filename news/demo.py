"""Demo content for news and conferences (filled in by the news issue)."""


def load(home, report=print):
    return None
