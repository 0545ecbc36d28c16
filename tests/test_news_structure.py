"""How the news app is built: one-way module dependencies and plain default managers.

Protects the next developer: a module of news can be read without the ones above it,
and a default manager loads nothing a caller has to undo.
"""

import ast
from pathlib import Path

import pytest

from news.models import ConferencePage, NewsPage
from tests.factories.news import (
    ConferencePageFactory,
    ConferencePartnerFactory,
    ConferenceSessionFactory,
    ConferenceSpeakerFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    RegistrationFactory,
)

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PACKAGES = ("core", "coops", "news", "home", "search", "coopsite")


def news_modules():
    """{dotted name: path} of the news app's modules, migrations left out."""
    modules = {}
    for path in (ROOT / "news").rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if "migrations" in parts:
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


def project_imports(path):
    """[(imported project module, inside a function?)] for every import in a file."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    nested = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            nested.update(id(inner) for inner in ast.walk(node) if inner is not node)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        else:
            continue
        found.extend(
            (name, id(node) in nested) for name in names if name.split(".")[0] in PROJECT_PACKAGES
        )
    return found


def test_news_imports_no_project_module_inside_a_function():
    hidden = [
        f"{name}: {target}"
        for name, path in news_modules().items()
        for target, inside_function in project_imports(path)
        if inside_function
    ]
    assert hidden == []


def test_what_the_models_use_never_imports_the_models():
    """The one-way order (tests/test_architecture.py checks for cycles): the views and the
    modules they use get models from the page, so they may be imported by news.models."""
    modules = news_modules()
    below_the_models = (
        "news.api",
        "news.views",
        "news.filters",
        "news.forms",
        "news.feeds",
        "news.registration",
        "news.structured_data",
    )
    upward = [
        f"{name}: {target}"
        for name in below_the_models
        for target, _inside_function in project_imports(modules[name])
        if target.startswith("news.models")
    ]
    assert upward == []


def test_the_import_check_notices_an_import_inside_a_function(tmp_path):
    module = tmp_path / "bad.py"
    module.write_text("import news.api\n\ndef f():\n    from news.models import NewsPage\n")
    assert project_imports(module) == [("news.api", False), ("news.models", True)]


@pytest.mark.parametrize("model", [NewsPage, ConferencePage])
def test_default_managers_load_nothing_extra(model):
    query = model.objects.all().query
    assert query.select_related is False
    assert model.objects.all()._prefetch_related_lookups == ()
    assert query.annotations == {}


@pytest.mark.django_db
def test_news_and_conference_pages_can_be_deleted(home_page):
    """The old prefetching managers clashed with treebeard's delete (a FieldError)."""
    index = NewsIndexPageFactory(parent=home_page)
    news = NewsPageFactory(parent=index)
    news.tags.add("breda")
    news.save()
    conference = ConferencePageFactory(parent=index, builtin_registration=True)
    ConferenceSessionFactory(page=conference)
    ConferenceSpeakerFactory(page=conference)
    ConferencePartnerFactory(page=conference)
    RegistrationFactory(conference=conference)

    news.delete()
    conference.delete()

    assert not NewsPage.objects.exists() and not ConferencePage.objects.exists()


@pytest.mark.django_db
def test_listing_querysets_load_what_listings_show(home_page, django_assert_num_queries):
    index = NewsIndexPageFactory(parent=home_page)
    conference = ConferencePageFactory(parent=index, builtin_registration=True)
    ConferenceSessionFactory(page=conference, title="Opening")
    ConferenceSpeakerFactory(page=conference, name="Anna de Vries")
    ConferencePartnerFactory(page=conference, name="Movisie")
    RegistrationFactory.create_batch(2, conference=conference)
    NewsPageFactory(parent=index)

    # page (with its count), tags, themes, programme, speakers, partners; no photos,
    # logos or coöperaties to fetch.
    with django_assert_num_queries(6):
        (loaded,) = ConferencePage.objects.for_listing().with_registration_count()
        shown = (
            [session.title for session in loaded.programme.all()],
            [speaker.name for speaker in loaded.speakers.all()],
            [partner.name for partner in loaded.partners.all()],
            loaded.registration_count,
        )
    assert shown == (["Opening"], ["Anna de Vries"], ["Movisie"], 2)
    # page, tags, themes, sources, coöperaties
    with django_assert_num_queries(5):
        (article,) = NewsPage.objects.for_listing()
        [*article.tags.all(), *article.themes.all(), *article.sources.all()]
        list(article.related_coops.all())
