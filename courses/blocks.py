"""StreamField blocks of lessons: the guidance blocks, plus video, handouts and questions.

A lesson body is the guidance library's `BaseStreamBlock` with two more blocks. The
knowledge check is a stream of its own (one per lesson, graded on the server), so the
correct answers and their feedback never reach the reader's browser before they submit.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock

from foundation.rich_text import BODY_FEATURES
from guidance.blocks import BaseStreamBlock


class VideoBlock(blocks.StructBlock):
    """A video with its transcript: for readers who cannot hear it, or whose connection is slow."""

    title = blocks.CharBlock(label=_("Title"))
    video = EmbedBlock(label=_("Video address"), help_text=_("A YouTube or Vimeo address."))
    transcript = blocks.RichTextBlock(
        features=BODY_FEATURES,
        label=_("Transcript"),
        help_text=_("Everything said and shown in the video, in this language."),
    )

    class Meta:
        icon = "media"
        template = "courses/blocks/video.html"
        label = _("Video with transcript")
        preview_value = {
            "title": "Speaking with a person in distress",
            "video": None,
            "transcript": "<p>A trainer explains how to start a first conversation calmly.</p>",
        }


class HandoutBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), required=False)
    description = blocks.CharBlock(label=_("What it is for"), required=False)

    class Meta:
        icon = "download"
        template = "courses/blocks/handout.html"
        label = _("Handout")


class LessonStreamBlock(BaseStreamBlock):
    video = VideoBlock()
    handout = HandoutBlock()


class AnswerBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"))
    correct = blocks.BooleanBlock(label=_("Correct answer"), required=False)
    feedback = blocks.TextBlock(
        label=_("Feedback"),
        help_text=_("Shown once the learner has submitted: why this answer is right or wrong."),
    )

    class Meta:
        icon = "radio-full"
        label = _("Answer")


class QuestionBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("Question"))
    answers = blocks.ListBlock(AnswerBlock(), min_num=2, max_num=6, label=_("Answers"))

    def clean(self, value):
        value = super().clean(value)
        if not any(answer["correct"] for answer in value["answers"]):
            raise StructBlockValidationError(
                non_block_errors=[ValidationError(_("Mark at least one answer as correct."))]
            )
        return value

    class Meta:
        icon = "help"
        template = "courses/blocks/question.html"
        label = _("Question")
        preview_value = {
            "question": "Who should interpret at a first interview?",
            "answers": [
                {
                    "text": "A professional interpreter",
                    "correct": True,
                    "feedback": "Right: they are trained and independent.",
                },
                {
                    "text": "The person's travel companion",
                    "correct": False,
                    "feedback": "A companion may be the one controlling them.",
                },
            ],
        }


class KnowledgeCheckBlock(blocks.StreamBlock):
    question = QuestionBlock()
