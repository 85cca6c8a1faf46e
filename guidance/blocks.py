"""StreamField blocks of the guidance library, shared by every page that has a body.

Every block sets an icon, its template and a preview value. Headings carry an anchor
so the page can build its table of contents from them.
"""

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from foundation.rich_text import BODY_FEATURES


def anchor_for(text):
    """A stable, readable anchor for a heading, in any script."""
    return slugify(text, allow_unicode=True) or "section"


class HeadingBlock(blocks.CharBlock):
    """An h2 that appears in the on-page table of contents."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = anchor_for(value)
        return context

    class Meta:
        icon = "title"
        template = "guidance/blocks/heading.html"
        label = _("Heading (in contents)")
        preview_value = "Why early identification matters"


class SubheadingBlock(blocks.CharBlock):
    class Meta:
        icon = "h3"
        template = "guidance/blocks/subheading.html"
        label = _("Subheading")
        preview_value = "At the border"


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=BODY_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        template = "guidance/blocks/paragraph.html"
        label = _("Text")
        preview_value = (
            "<p>Officials who meet migrants first are often best placed to notice risk.</p>"
        )


class CalloutBlock(blocks.StructBlock):
    style = blocks.ChoiceBlock(
        choices=[
            ("key_point", _("Key point")),
            ("warning", _("Warning")),
            ("note", _("Note")),
        ],
        default="key_point",
        label=_("Kind"),
    )
    title = blocks.CharBlock(label=_("Title"), required=False)
    text = blocks.RichTextBlock(features=BODY_FEATURES, label=_("Text"))

    class Meta:
        icon = "warning"
        template = "guidance/blocks/callout.html"
        label = _("Callout")
        preview_value = {
            "style": "warning",
            "title": "Never interview a child alone",
            "text": "<p>A guardian or trusted adult must be present.</p>",
        }


class DoDontBlock(blocks.StructBlock):
    dos = blocks.ListBlock(blocks.CharBlock(label=_("Do")), label=_("Do"))
    donts = blocks.ListBlock(blocks.CharBlock(label=_("Don't")), label=_("Don't"))

    class Meta:
        icon = "tasks"
        template = "guidance/blocks/do_dont.html"
        label = _("Do and don't")
        preview_value = {
            "dos": ["Find a private space."],
            "donts": ["Do not use a travel companion as interpreter."],
        }


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"))
    text = blocks.TextBlock(label=_("What to do"), required=False)

    class Meta:
        icon = "arrow-right"
        label = _("Step")


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False)
    steps = blocks.ListBlock(StepBlock(), label=_("Steps"))

    class Meta:
        icon = "list-ol"
        template = "guidance/blocks/steps.html"
        label = _("Step-by-step procedure")
        preview_value = {
            "title": "Referral in three steps",
            "steps": [
                {"title": "Make safe", "text": "Move the person somewhere private."},
                {"title": "Call", "text": "Phone the focal point."},
                {"title": "Record", "text": "Note the time and who took over."},
            ],
        }


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False)
    items = blocks.ListBlock(blocks.CharBlock(label=_("Item")), label=_("Items"))

    class Meta:
        icon = "list-ul"
        template = "guidance/blocks/checklist.html"
        label = _("Checklist")
        preview_value = {
            "title": "Before the interview",
            "items": ["Interpreter booked", "Private room ready"],
        }


class CaseExampleBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    text = blocks.RichTextBlock(features=BODY_FEATURES, label=_("Text"))

    class Meta:
        icon = "user"
        template = "guidance/blocks/case.html"
        label = _("Case example")
        preview_value = {
            "title": "A young man at a bus station",
            "text": "<p>An officer noticed that a companion answered every question for him.</p>",
        }


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False)

    class Meta:
        icon = "openquote"
        template = "guidance/blocks/quote.html"
        label = _("Quote")
        preview_value = {"text": "Notice, protect, refer.", "attribution": "Training motto"}


class DataTableBlock(TableBlock):
    class Meta:
        icon = "table"
        template = "guidance/blocks/table.html"
        label = _("Table")
        preview_value = {
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": "Who does what",
            "data": [["Role", "Task"], ["Border officer", "Notice and refer"]],
        }


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        icon = "image"
        template = "guidance/blocks/image.html"
        label = _("Image")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), required=False)

    class Meta:
        icon = "doc-full"
        template = "guidance/blocks/document.html"
        label = _("Document")


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    subheading = SubheadingBlock()
    paragraph = ParagraphBlock()
    callout = CalloutBlock()
    do_dont = DoDontBlock()
    steps = StepsBlock()
    checklist = ChecklistBlock()
    case = CaseExampleBlock()
    quote = QuoteBlock()
    table = DataTableBlock()
    image = ImageBlock()
    document = DocumentBlock()


class IndicatorBlock(blocks.StructBlock):
    indicator = blocks.CharBlock(label=_("Indicator"))
    target = blocks.CharBlock(label=_("Target"), required=False)

    class Meta:
        icon = "success"
        label = _("Indicator")


class StandardBlock(blocks.StructBlock):
    number = blocks.CharBlock(label=_("Number"), max_length=10)
    title = blocks.CharBlock(label=_("Title"))
    statement = blocks.TextBlock(label=_("Standard statement"))
    key_actions = blocks.ListBlock(blocks.CharBlock(label=_("Action")), label=_("Key actions"))
    indicators = blocks.ListBlock(IndicatorBlock(), label=_("Indicators"))
    guidance_notes = blocks.RichTextBlock(
        features=BODY_FEATURES, label=_("Guidance notes"), required=False
    )

    class Meta:
        icon = "form"
        template = "guidance/blocks/standard.html"
        label = _("Standard")
        preview_value = {
            "number": "1",
            "title": "Trained staff",
            "statement": "Every entry point has trained staff on every shift.",
            "key_actions": ["Train all frontline staff within three months."],
            "indicators": [{"indicator": "Share of staff trained", "target": "90%"}],
            "guidance_notes": "<p>A reachable focal point matters most.</p>",
        }


class StandardsStreamBlock(blocks.StreamBlock):
    standard = StandardBlock()
