"""Keep search in step with what readers can see: publish, unpublish, delete, move, restrict.

Uploaded documents too: an upload or edit, a deletion, the privacy of their collection,
and the tool pages offering them (which give a document its language).
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from guidance.models import Audience, GlossaryTerm, Region, ResourceType, Theme, ToolDownload
from search import database_index, engine, vocabulary
from search.documents import document_entries, offering_tools
from search.models import Acronym, EditorsPick, SearchEntry, Synonym

Document = get_document_model()
VOCABULARY_SOURCES = (
    Synonym,
    Acronym,
    EditorsPick,
    GlossaryTerm,
    Theme,
    Audience,
    Region,
    ResourceType,
)
# Saves that touch none of these (Wagtail storing a file's size or hash) change nothing searchable.
DOCUMENT_FIELDS = {"title", "file", "collection"}


@receiver(pre_save, sender=SearchEntry)
def entry_analysed(sender, instance, **kwargs):
    instance.analysis = database_index.analyse(instance)
    instance.length = instance.analysis[2]


@receiver(post_save, sender=SearchEntry)
def entry_indexed(sender, instance, created, **kwargs):
    """The database engine's index, written in the transaction that writes the entry."""
    database_index.index_entry(instance, instance.analysis, created=created)


def _refresh_tree(page):
    for item in page.get_descendants(inclusive=True).specific():
        engine.update_page(item)


@receiver(page_published)
@receiver(page_unpublished)
def page_visibility_changed(sender, instance, **kwargs):
    engine.update_page(instance.specific)
    vocabulary.forget(now=False)  # its titles and headings teach translations


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    _refresh_tree(instance)


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        engine.remove_page(instance.pk)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        _refresh_tree(page)


def _refresh_document(document):
    """A document, and the tools that offer it (their entries hold its text)."""
    engine.update_document(document)
    for tool in offering_tools(document).specific():
        engine.update_page(tool)


@receiver(post_save, sender=Document)
def document_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields and not DOCUMENT_FIELDS & set(update_fields):
        return
    _refresh_document(instance)


@receiver(post_delete, sender=Document)
def document_deleted(sender, instance, **kwargs):
    engine.remove_document(instance.pk)


@receiver(post_save, sender=CollectionViewRestriction)
@receiver(post_delete, sender=CollectionViewRestriction)
def collection_restriction_changed(sender, instance, **kwargs):
    collection = Collection.objects.filter(pk=instance.collection_id).first()
    if collection is None:
        return
    inside = collection.get_descendants(inclusive=True)
    for document in Document.objects.filter(collection__in=inside):
        _refresh_document(document)


@receiver(post_save, sender=ToolDownload)
@receiver(post_delete, sender=ToolDownload)
def download_changed(sender, instance, **kwargs):
    """Offered by a tool, a document's text is part of the tool's entry, not its own."""
    document = Document.objects.filter(pk=instance.document_id).first()
    if document is None:
        return
    indexed = SearchEntry.objects.filter(target_type=SearchEntry.DOCUMENT, target_id=document.pk)
    if indexed.exists() == bool(document_entries(document)):
        return  # a tool publishing its downloads again: page_published updates the tool
    engine.update_document(document)


@receiver(post_save)
@receiver(post_delete)
def vocabulary_changed(sender, **kwargs):
    """The query vocabulary is built from these: the next query reads them again."""
    if sender in VOCABULARY_SOURCES:
        vocabulary.forget()
