"""Redacteuren write and submit; Moderatoren approve and publish (issue 7: roles and workflow)."""

import pytest

from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Workflow
from wagtail.permissions import policy_registry
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import StandardPage
from home.roles import APPROVAL_TASK_NAME, EDITORS, MODERATORS, WORKFLOW_NAME
from tests.factories.editorial import make_editor, make_moderator
from tests.factories.home import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_groups_exist_with_admin_access():
    for name in (EDITORS, MODERATORS):
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists()
    # Wagtail's English default groups are gone, so editors see one set of roles.
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()


def test_editor_can_write_but_not_publish(home_page):
    editor = make_editor()
    page = StandardPageFactory(parent=home_page)
    perms = page.permissions_for_user(editor)
    assert perms.can_edit()
    assert perms.can_add_subpage()
    assert not perms.can_publish()
    assert not perms.can_unpublish()
    assert not perms.can_delete()


def test_moderator_can_publish_unpublish_and_lock(home_page):
    moderator = make_moderator()
    page = StandardPageFactory(parent=home_page)
    perms = page.permissions_for_user(moderator)
    assert perms.can_publish()
    assert perms.can_unpublish()
    assert perms.can_lock()
    assert perms.can_unlock()


@pytest.mark.parametrize(
    ("group_name", "codenames", "not_codenames"),
    [
        (EDITORS, {"add_theme", "change_theme"}, {"delete_theme"}),
        (MODERATORS, {"add_theme", "change_theme", "delete_theme"}, set()),
    ],
)
def test_snippet_permissions(group_name, codenames, not_codenames):
    granted = set(Group.objects.get(name=group_name).permissions.values_list("codename", flat=True))
    assert codenames <= granted
    assert not (not_codenames & granted)


@pytest.mark.parametrize("model", [get_image_model(), get_document_model()])
def test_images_and_documents_in_the_root_collection(model):
    editor, other_editor, moderator = make_editor(), make_editor("collega"), make_moderator()
    policy = policy_registry.get_by_type(model)
    own = model(title="Eigen", uploaded_by_user=editor, collection=Collection.get_first_root_node())
    others = model(
        title="Van een collega", uploaded_by_user=other_editor, collection=own.collection
    )
    assert policy.user_has_permission(editor, "add")
    assert policy.user_has_permission(editor, "choose")
    assert policy.user_has_permission_for_instance(editor, "change", own)
    assert not policy.user_has_permission_for_instance(editor, "change", others)
    assert not policy.user_has_permission_for_instance(editor, "delete", others)
    assert policy.user_has_permission_for_instance(moderator, "delete", others)


def test_whole_site_runs_the_moderation_workflow(home_page):
    page = StandardPageFactory(parent=home_page)
    workflow = page.get_workflow()
    assert workflow == Workflow.objects.get(name=WORKFLOW_NAME)
    tasks = [task.specific for task in workflow.tasks]
    assert [task.name for task in tasks] == [APPROVAL_TASK_NAME]
    assert list(tasks[0].groups.values_list("name", flat=True)) == [MODERATORS]


def submit_page_as(client, user, parent, title="Over de Manifestatie"):
    """POST the admin's create form with 'Ter moderatie indienen' (action-submit)."""
    client.force_login(user)
    url = reverse("wagtailadmin_pages:add", args=("home", "standardpage", parent.pk))
    data = nested_form_data(
        {
            "title": title,
            "slug": "manifestatie",
            "intro": "Een oproep.",
            "body": streamfield([("paragraph", rich_text("<p>Doe mee op 14 november.</p>"))]),
        }
    )
    data["action-submit"] = "1"
    return client.post(url, data)


def test_editor_submits_and_moderator_is_notified_by_email(client, home_page):
    editor = make_editor()
    moderator = make_moderator(email="moderator@example.org")
    mail.outbox.clear()

    response = submit_page_as(client, editor, home_page)

    assert response.status_code == 302
    page = StandardPage.objects.get(slug="manifestatie")
    assert not page.live
    assert page.workflow_in_progress
    state = page.current_workflow_state
    assert state.current_task_state.task.name == APPROVAL_TASK_NAME
    recipients = [address for message in mail.outbox for address in message.to]
    assert moderator.email in recipients
    assert editor.email not in recipients
    # The moderator's dashboard lists the task waiting for them.
    client.force_login(moderator)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Over de Manifestatie" in dashboard


def test_editor_cannot_publish_through_the_form(client, home_page):
    editor = make_editor()
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=("home", "standardpage", home_page.pk))
    data = nested_form_data(
        {"title": "Stiekem", "slug": "stiekem", "intro": "", "body": streamfield([])}
    )
    data["action-publish"] = "1"
    client.post(url, data)
    page = StandardPage.objects.get(slug="stiekem")
    assert not page.live


def test_moderator_approval_publishes(client, home_page):
    editor, moderator = make_editor(), make_moderator()
    submit_page_as(client, editor, home_page)
    page = StandardPage.objects.get(slug="manifestatie")
    task_state = page.current_workflow_state.current_task_state

    client.force_login(moderator)
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(page.pk, "approve", task_state.pk),
        ),
        {"comment": ""},
    )

    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    assert client.get("/manifestatie/").status_code == 200
