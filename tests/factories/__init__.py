"""Factories for tests, one module per app (home, coops, news), on wagtail-factories."""
