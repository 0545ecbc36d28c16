"""The editorial roles (Redacteuren, Moderatoren) and the moderation workflow.

Written for data migrations: every function takes the migration's ``apps`` registry and
imports no model, so a later migration (for example one that grants the news app's
snippets and registrations) can call ``grant_model_permissions`` with its own model labels.
Permission rows are created when missing, because Django only creates them after all
migrations ran (post_migrate), and a fresh database runs this before that.
"""

EDITORS = "Redacteuren"
MODERATORS = "Moderatoren"
WORKFLOW_NAME = "Redactie → Publicatie"
APPROVAL_TASK_NAME = "Goedkeuring door Moderatoren"

# Page permissions on the root page, so they cover every site and every page below it.
# Redacteuren write and submit for moderation; only Moderatoren publish (and unpublish).
PAGE_PERMISSIONS = {
    EDITORS: ("add", "change"),
    MODERATORS: ("add", "change", "publish", "bulk_delete", "lock", "unlock"),
}
# Image and document permissions on the root collection. In Wagtail "change" implies
# "delete", and "add" lets a user change their own uploads: so Redacteuren manage their
# own images and documents and choose any; Moderatoren manage all of them.
COLLECTION_PERMISSIONS = {
    EDITORS: ("add", "choose"),
    MODERATORS: ("add", "change", "choose", "delete"),
}
# Snippets and other plain models: what each role may do with them.
SNIPPET_ACTIONS = {
    EDITORS: ("add", "change"),
    MODERATORS: ("add", "change", "delete"),
}

_ACTION_VERBS = {
    "add": "add",
    "change": "change",
    "delete": "delete",
    "view": "view",
    "choose": "choose",
    "publish": "publish",
    "bulk_delete": "delete pages with children",
    "lock": "lock",
    "unlock": "unlock",
}


def get_permission(apps, model_label, action):
    """The Permission ``<action>_<model>`` for ``"app_label.Model"``, created if missing."""
    content_type_model = apps.get_model("contenttypes", "ContentType")
    permission_model = apps.get_model("auth", "Permission")
    app_label, model_name = model_label.split(".")
    model_name = model_name.lower()
    content_type, _ = content_type_model.objects.get_or_create(
        app_label=app_label, model=model_name
    )
    permission, _ = permission_model.objects.get_or_create(
        content_type=content_type,
        codename=f"{action}_{model_name}",
        defaults={"name": f"Can {_ACTION_VERBS.get(action, action)} {model_name}"},
    )
    return permission


def ensure_groups(apps):
    """Create both groups (with access to the admin); return {name: group}."""
    group_model = apps.get_model("auth", "Group")
    access_admin = get_permission(apps, "wagtailadmin.Admin", "access")
    groups = {}
    for name in (EDITORS, MODERATORS):
        group, _ = group_model.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        groups[name] = group
    return groups


def grant_model_permissions(apps, model_labels, actions_by_group=None):
    """Give each role its model permissions on the given models (snippets, registrations, …).

    ``model_labels`` are ``"app_label.Model"`` strings; ``actions_by_group`` maps a group name
    to actions and defaults to the snippet policy (Redacteuren add/change, Moderatoren also
    delete). Idempotent.
    """
    group_model = apps.get_model("auth", "Group")
    for group_name, actions in (actions_by_group or SNIPPET_ACTIONS).items():
        group, _ = group_model.objects.get_or_create(name=group_name)
        for label in model_labels:
            group.permissions.add(*(get_permission(apps, label, action) for action in actions))


def grant_page_permissions(apps, groups):
    page_model = apps.get_model("wagtailcore", "Page")
    group_page_permission = apps.get_model("wagtailcore", "GroupPagePermission")
    root = page_model.objects.get(depth=1)
    for group_name, actions in PAGE_PERMISSIONS.items():
        for action in actions:
            group_page_permission.objects.get_or_create(
                group=groups[group_name],
                page=root,
                permission=get_permission(apps, "wagtailcore.Page", action),
            )


def grant_collection_permissions(apps, groups):
    collection_model = apps.get_model("wagtailcore", "Collection")
    group_collection_permission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = collection_model.objects.get(depth=1)
    for group_name, actions in COLLECTION_PERMISSIONS.items():
        for model_label in ("wagtailimages.Image", "wagtaildocs.Document"):
            for action in actions:
                group_collection_permission.objects.get_or_create(
                    group=groups[group_name],
                    collection=root,
                    permission=get_permission(apps, model_label, action),
                )


def ensure_workflow(apps, groups):
    """The workflow "Redactie → Publicatie" with one approval task for Moderatoren, on the root.

    Assigned to the root page, so it covers the home page and everything added below it,
    whichever home page the site gets later. It replaces Wagtail's default workflow there.
    """
    content_type_model = apps.get_model("contenttypes", "ContentType")
    workflow_model = apps.get_model("wagtailcore", "Workflow")
    workflow_task_model = apps.get_model("wagtailcore", "WorkflowTask")
    workflow_page_model = apps.get_model("wagtailcore", "WorkflowPage")
    task_model = apps.get_model("wagtailcore", "GroupApprovalTask")
    page_model = apps.get_model("wagtailcore", "Page")

    task_content_type, _ = content_type_model.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = task_model.objects.filter(name=APPROVAL_TASK_NAME).first()
    if task is None:
        task = task_model.objects.create(
            name=APPROVAL_TASK_NAME, content_type=task_content_type, active=True
        )
    task.groups.set([groups[MODERATORS]])

    workflow, _ = workflow_model.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    workflow_task_model.objects.get_or_create(workflow=workflow, task=task, sort_order=0)
    root = page_model.objects.get(depth=1)
    workflow_page_model.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return workflow


def retire_wagtail_default_roles(apps):
    """Remove Wagtail's English default groups and workflow when nobody uses them.

    Editors should see one set of roles ("Redacteuren", "Moderatoren"), not two.
    """
    group_model = apps.get_model("auth", "Group")
    workflow_model = apps.get_model("wagtailcore", "Workflow")
    task_model = apps.get_model("wagtailcore", "GroupApprovalTask")
    for workflow in workflow_model.objects.filter(name="Moderators approval", active=True):
        if not workflow.workflow_pages.exists():
            workflow.active = False
            workflow.save(update_fields=["active"])
    task_model.objects.filter(name="Moderators approval").update(active=False)
    group_model.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True).delete()


# Conference sign-ups ("Aanmeldingen", news.Registration): both roles see and export them
# (the listing's CSV/XLSX export needs only "view"); Moderatoren also correct and remove
# them, for example when someone cancels. Sign-ups come from visitors, so nobody adds them.
REGISTRATION_ACTIONS = {
    EDITORS: ("view",),
    MODERATORS: ("view", "change", "delete"),
}


# Messages to a conference's participants ("Berichten aan deelnemers", news.ParticipantMessage):
# saving one mails every confirmed participant, so only Moderatoren, who also correct the
# sign-ups, write them; both roles read what was sent. Nobody changes or removes a sent message.
# The check-in and the "Deelnemers" pages need only the sign-up permissions above.
PARTICIPANT_MESSAGE_ACTIONS = {
    EDITORS: ("view",),
    MODERATORS: ("add", "view"),
}


def grant_news_permissions(apps, schema_editor=None):
    """The news app's admin models, for the home app's second data migration."""
    grant_model_permissions(apps, ["news.Registration"], REGISTRATION_ACTIONS)


def grant_participant_message_permissions(apps, schema_editor=None):
    """The organisers' messages (news.ParticipantMessage), for a later data migration."""
    grant_model_permissions(apps, ["news.ParticipantMessage"], PARTICIPANT_MESSAGE_ACTIONS)


def set_up_editorial_roles(apps, schema_editor=None):
    """The whole set-up, for the home app's data migration."""
    groups = ensure_groups(apps)
    grant_page_permissions(apps, groups)
    grant_collection_permissions(apps, groups)
    grant_model_permissions(apps, ["coops.Theme"])
    ensure_workflow(apps, groups)
    retire_wagtail_default_roles(apps)
