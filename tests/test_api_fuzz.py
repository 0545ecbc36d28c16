"""Bad input never breaks the API: property tests of the v2 parameters, schemathesis on v3.

Protects every app: whatever it sends, the answer is a 2xx/3xx/4xx with a message, never a 500.
"""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.contrib.auth import get_user_model
from django.core import signals
from django.db import close_old_connections

from coopsite.wsgi import application  # noqa: F401 - imported for the settings side effects
from tests.api_support import bearer, make_directory, make_user
from tests.factories.home import StandardPageFactory
from tests.factories.news import ConferencePageFactory, NewsIndexPageFactory, NewsPageFactory

V2_PARAMETERS = [
    "limit",
    "offset",
    "fields",
    "order",
    "search",
    "search_operator",
    "type",
    "child_of",
    "descendant_of",
    "ancestor_of",
    "translation_of",
    "locale",
    "site",
    "rich_text_format",
]
#: The page types' own parameters (core.api): the directory's and the agenda's filters.
TYPE_PARAMETERS = {
    "coops.CoopPage": [
        "province",
        "municipality",
        "theme",
        "social_shareholder",
        "special_statute",
        "status",
    ],
    "news.ConferencePage": ["start_after", "start_before", "upcoming"],
}
values = st.one_of(
    st.text(max_size=20),
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
    st.sampled_from(
        [
            *["*", "-id", "title", "home.StandardPage", "coops.CoopPage", "0", "nl"],
            *["Noord-Brabant", "GM0758", "GM9999", "werk", "true", "false", "ja", "actief"],
            *["2017-02-10", "2017-02-30", "10-02-2017", "99999-01-01", "news.ConferencePage"],
        ]
    ),
)
ALL_PARAMETERS = V2_PARAMETERS + [name for names in TYPE_PARAMETERS.values() for name in names]
queries = st.dictionaries(st.sampled_from(ALL_PARAMETERS), values, max_size=3)


@st.composite
def typed_queries(draw):
    """`type=` plus a few of that type's own parameters (repeatable ones sometimes repeated)."""
    page_type = draw(st.sampled_from(sorted(TYPE_PARAMETERS)))
    own = draw(
        st.dictionaries(
            st.sampled_from(TYPE_PARAMETERS[page_type]),
            st.one_of(values, st.lists(values, min_size=2, max_size=3)),
            min_size=1,
            max_size=3,
        )
    )
    extra = draw(st.dictionaries(st.sampled_from(["search", "order", "limit"]), values, max_size=1))
    return {"type": page_type, **own, **extra}


# derandomize: CI draws the same examples every run (a failure is reproducible, never
# flaky); the long random run is `make fuzz`.
FUZZ = settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def content(home_page):
    make_directory(home_page, 2)
    page = StandardPageFactory(parent=home_page, body=[("paragraph", "<p>Tekst</p>")])
    page.save_revision().publish()
    news = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news).save_revision().publish()
    ConferencePageFactory(parent=news).save_revision().publish()
    return home_page


@pytest.mark.django_db
@FUZZ
@given(query=queries, endpoint=st.sampled_from(["pages", "images", "documents"]))
def test_v2_parameters_never_give_a_server_error(client, content, query, endpoint):
    response = client.get(f"/api/v2/{endpoint}/", query)
    assert response.status_code < 500, (query, response.content)
    if response.status_code == 400:
        assert response.json()["message"]


@pytest.mark.django_db
@FUZZ
@given(query=typed_queries())
def test_v2_page_type_parameters_are_validated(client, content, query):
    """The directory's and the agenda's filters: never a 5xx; a 400 names the parameter."""
    response = client.get("/api/v2/pages/", query)
    assert response.status_code in (200, 400), (query, response.content)
    if response.status_code == 400:
        message = response.json()["message"]
        assert any(message.startswith(f"{name}:") for name in query), (query, message)


@pytest.mark.django_db
@FUZZ
@given(query=queries)
def test_v2_detail_parameters_never_give_a_server_error(client, content, query):
    response = client.get(f"/api/v2/pages/{content.pk}/", query)
    assert response.status_code < 500, (query, response.content)


schema = schemathesis.openapi.from_wsgi("/api/v3/openapi.json", application)

# CI: few examples per operation, the same every run. `make fuzz` (FUZZ_EXAMPLES=…,
# FUZZ_RANDOM=1) runs the long, random search whose figures the issue asks for.
V3_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "0"))
V3_DERANDOMIZE = os.environ.get("FUZZ_RANDOM") != "1"


def v3_settings(examples):
    """`examples` per operation in CI (derandomised), FUZZ_EXAMPLES under `make fuzz`."""
    return settings(
        max_examples=V3_EXAMPLES or examples,
        derandomize=V3_DERANDOMIZE,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )


@pytest.fixture
def v3_content(home_page):
    # Through the real WSGI handler, request_finished would close the test's
    # database connection (inside its transaction); Django's test client avoids
    # that the same way.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    make_directory(home_page, 2)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.include(method="GET").parametrize()
@v3_settings(8)
@pytest.mark.django_db(transaction=False)
def test_v3_read_api_never_gives_a_server_error(case, v3_content):
    response = case.call()
    assert response.status_code < 500, (case.path, case.query, response.text[:500])


@pytest.fixture
def editor_token(v3_content, home_page):
    """An editor (add + change, no publish) on the whole site, as apps get them."""
    editor = make_user("fuzz-redacteur", page=home_page, permissions=("add", "change"))
    return bearer(editor)[1]


# The page write operations apps use (create, update, publish, unpublish, revert, delete)
# with an editor's token: whatever body an app sends, a 4xx problem, never a 5xx.
# The tree actions move and copy run below with an administrator's token (the 500s Wagtail
# 8.0.1 gave there are guarded in core/api/v3_tree.py); create_alias, convert_alias and
# copy_for_translation are left out: no app of ours calls them, the site has one locale.
TREE_ACTIONS = "/actions/(move|copy|create_alias|convert_alias|copy_for_translation)/"


@(
    schema.include(path_regex="^/api/v3/pages/")
    .exclude(method=["GET", "HEAD", "OPTIONS"])
    .exclude(path_regex=TREE_ACTIONS)
    .parametrize()
)
@v3_settings(5)
@pytest.mark.django_db(transaction=False)
def test_v3_page_writes_never_give_a_server_error(case, editor_token, home_page):
    response = case.call(headers={"Authorization": editor_token})
    assert response.status_code < 500, (case.method, case.path, case.body, response.text[:500])


@pytest.fixture
def admin_token(v3_content, home_page):
    """An administrator: every operation is allowed, so the fuzzer reaches the code behind it."""
    admin = get_user_model().objects.create_superuser("fuzz-beheer", password="pw")
    return bearer(admin)[1]


# What an administrator's app does beyond page content: move, copy, publish and unpublish
# pages, upload images and documents, keep sites, redirects and snippets.
ADMIN_WRITES = (
    "^/api/v3/(pages/\\{page_id\\}/actions/(move|copy|publish|unpublish)/"
    "|images/|documents/|sites/|redirects/|snippets/)"
)


@(schema.include(path_regex=ADMIN_WRITES).exclude(method=["GET", "HEAD", "OPTIONS"]).parametrize())
@v3_settings(4)
@pytest.mark.django_db(transaction=False)
def test_v3_admin_writes_never_give_a_server_error(case, admin_token, home_page):
    response = case.call(headers={"Authorization": admin_token})
    assert response.status_code < 500, (case.method, case.path, case.body, response.text[:500])
