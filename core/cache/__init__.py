"""Caching in one place: what visitors can see has a *content version*; everything cached
is keyed by it.

- `version`: the content version (and when it changed), held in the shared cache or, with
  a process-local cache, in the database; ETag and Last-Modified come from it.
- `invalidation`: what makes a new version — publishing, unpublishing, moving or deleting a
  page, a view restriction, and the models registered with `register()` — and nothing
  else (no revision, autosave, log entry, sign-up or login).
- `values`: values computed once per version (menu, search results, directory cards).
- `middleware`: the full-page cache for anonymous GETs, conditional GETs (304) and
  Cache-Control for browsers and shared caches (a CDN, Varnish).
- `conditional`: the validators (also on the feeds, iCal and sitemap for logged-in users) and
  the 304, made from the 200 it stands for, with that 200's headers.
- `purge`: which URLs a CDN must forget when a page changes; sent through core.tasks.
"""
