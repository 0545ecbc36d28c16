"""Bad input never breaks the API: property tests of the v2 parameters, schemathesis on v3.

Protects every app: whatever it sends, the answer is a 2xx/3xx/4xx with a message, never a 500.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.core import signals
from django.db import close_old_connections

from coopsite.wsgi import application  # noqa: F401 - imported for the settings side effects
from tests.api_support import make_directory
from tests.factories.home import StandardPageFactory

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
values = st.one_of(
    st.text(max_size=20),
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
    st.sampled_from(["*", "-id", "title", "home.StandardPage", "coops.CoopPage", "0", "nl"]),
)
queries = st.dictionaries(st.sampled_from(V2_PARAMETERS), values, max_size=3)

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def content(home_page):
    make_directory(home_page, 2)
    page = StandardPageFactory(parent=home_page, body=[("paragraph", "<p>Tekst</p>")])
    page.save_revision().publish()
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
@given(query=queries)
def test_v2_detail_parameters_never_give_a_server_error(client, content, query):
    response = client.get(f"/api/v2/pages/{content.pk}/", query)
    assert response.status_code < 500, (query, response.content)


schema = schemathesis.openapi.from_wsgi("/api/v3/openapi.json", application)


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


# Snippets declare no readable type yet (an empty enum); nothing to generate there.
@schema.include(method="GET").exclude(path_regex="snippets/{type}").parametrize()
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.django_db(transaction=False)
def test_v3_read_api_never_gives_a_server_error(case, v3_content):
    response = case.call()
    assert response.status_code < 500, (case.path, case.query, response.text[:500])
