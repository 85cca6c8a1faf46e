"""Editorial roles: who writes, who translates, who approves, and the workflow between them.

Three groups share the page tree under the home page:

- Editors write and change pages and submit them for review. They cannot publish.
- Translators change pages too, but the page form keeps them to the text in the five
  other languages (`foundation.forms`). They cannot publish.
- Reviewers approve what was submitted; approving publishes it ("Review then publish").
  They can correct a page but not create one.

`apply_editorial_setup` is written against an app registry so that the data migration
(historical models) and `ensure_editorial_setup` (the running site) do the same thing.
It only adds what is missing, except on the home page, where each role gets exactly its
page permissions. What hangs off the home page waits until there is one: `load_home`
calls `ensure_editorial_setup` once the site points at it.
"""

EDITORS = "Editors"
REVIEWERS = "Reviewers"
TRANSLATORS = "Translators"
ROLES = (EDITORS, REVIEWERS, TRANSLATORS)

WORKFLOW_NAME = "Review then publish"
REVIEW_TASK_NAME = "Review by a reviewer"

# Page permissions on the home page, and so on every page under it.
PAGE_PERMISSIONS = {
    EDITORS: ("add_page", "change_page", "lock_page"),
    REVIEWERS: ("change_page", "publish_page", "lock_page", "unlock_page"),
    TRANSLATORS: ("change_page",),
}

# Permissions on the root collection: every document and image.
COLLECTION_PERMISSIONS = {
    EDITORS: {
        ("wagtaildocs", "document"): ("add", "change", "delete", "choose"),
        ("wagtailimages", "image"): ("add", "change", "delete", "choose"),
    },
    REVIEWERS: {
        ("wagtaildocs", "document"): ("choose",),
        ("wagtailimages", "image"): ("choose",),
    },
    # Translators upload translated versions of downloads; an editor attaches them.
    TRANSLATORS: {
        ("wagtaildocs", "document"): ("add", "choose"),
        ("wagtailimages", "image"): ("choose",),
    },
}

# The guidance taxonomies and the glossary, managed as snippets.
SNIPPET_MODELS = (
    ("guidance", "theme"),
    ("guidance", "audience"),
    ("guidance", "region"),
    ("guidance", "resourcetype"),
    ("guidance", "glossaryterm"),
)
SNIPPET_ACTIONS = {
    EDITORS: ("add", "change", "delete", "view"),
    REVIEWERS: ("view",),
    TRANSLATORS: ("change", "view"),
}


def _content_type(apps, app_label, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]


def _permission(apps, app_label, model, codename):
    # On a fresh database, migrations run before post_migrate creates model permissions.
    Permission = apps.get_model("auth", "Permission")
    try:
        verbose_name = apps.get_model(app_label, model)._meta.verbose_name
    except LookupError:
        verbose_name = model
    action = codename.split("_", 1)[0]
    return Permission.objects.get_or_create(
        content_type=_content_type(apps, app_label, model),
        codename=codename,
        defaults={"name": f"Can {action} {verbose_name}"},
    )[0]


def _page_permission(apps, codename):
    return _permission(apps, "wagtailcore", "page", codename)


def _review_workflow(apps, reviewers):
    """The workflow and its one task: a reviewer approves, and approval publishes."""
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=REVIEW_TASK_NAME,
            active=True,
            # Historical models do not fill in the specific type the way Task() does.
            content_type=_content_type(apps, "wagtailcore", "groupapprovaltask"),
        )
    elif not task.active:
        task.active = True
        task.save(update_fields=["active"])
    task.groups.add(reviewers)

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    elif not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def apply_editorial_setup(apps, home_page_id=None):
    """Create or complete the groups, their permissions and the review workflow.

    `apps` is a migration's app registry or django.apps.apps. Without `home_page_id`
    the page permissions and the workflow assignment are left for later.
    """
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLES}
    access_admin = _permission(apps, "wagtailadmin", "admin", "access_admin")
    root_collection = Collection.objects.filter(depth=1).first()

    for name, group in groups.items():
        snippet_permissions = [
            _permission(apps, app_label, model, f"{action}_{model}")
            for app_label, model in SNIPPET_MODELS
            for action in SNIPPET_ACTIONS[name]
        ]
        group.permissions.add(access_admin, *snippet_permissions)

        if root_collection is not None:
            for (app_label, model), actions in COLLECTION_PERMISSIONS[name].items():
                for action in actions:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group,
                        collection=root_collection,
                        permission=_permission(apps, app_label, model, f"{action}_{model}"),
                    )

    workflow = _review_workflow(apps, groups[REVIEWERS])

    if home_page_id is None:
        return groups

    for name, group in groups.items():
        wanted = [_page_permission(apps, codename) for codename in PAGE_PERMISSIONS[name]]
        # Exactly these on the home page: a stray "publish" for translators is removed.
        GroupPagePermission.objects.filter(group=group, page_id=home_page_id).exclude(
            permission__in=wanted
        ).delete()
        for permission in wanted:
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=home_page_id, permission=permission
            )

    WorkflowPage.objects.update_or_create(page_id=home_page_id, defaults={"workflow": workflow})
    return groups


def remove_editorial_setup(apps):
    """Undo apply_editorial_setup, leaving Wagtail's own Editors group as Wagtail made it."""
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    HomePage = apps.get_model("portal", "HomePage")
    Permission = apps.get_model("auth", "Permission")

    Workflow.objects.filter(name=WORKFLOW_NAME).delete()  # with its steps and page links
    GroupApprovalTask.objects.filter(name=REVIEW_TASK_NAME).delete()
    Group.objects.filter(name__in=[REVIEWERS, TRANSLATORS]).delete()

    editors = Group.objects.filter(name=EDITORS).first()
    if editors is None:
        return
    GroupPagePermission.objects.filter(
        group=editors, page_id__in=HomePage.objects.values("pk")
    ).delete()
    editors.permissions.remove(
        *Permission.objects.filter(
            content_type__app_label="guidance",
            content_type__model__in=[model for _app, model in SNIPPET_MODELS],
        )
    )
    # Wagtail's defaults let editors add, change and choose; deleting was ours.
    GroupCollectionPermission.objects.filter(
        group=editors, permission__codename__in=["delete_document", "delete_image"]
    ).delete()


def ensure_editorial_setup(home=None):
    """(Re)create the editorial groups, permissions and workflow on the running site."""
    from django.apps import apps

    if home is None:
        home = apps.get_model("portal", "HomePage").objects.first()
    return apply_editorial_setup(apps, home.pk if home is not None else None)


def translates_only(user):
    """Whether `user` may change only the translations of a page, not its English or facts."""
    if user is None or not user.is_authenticated or user.is_superuser:
        return False
    names = set(user.groups.values_list("name", flat=True))
    return TRANSLATORS in names and not names & {EDITORS, REVIEWERS}
