"""Grading a lesson's knowledge check on the server.

Questions and answers are numbered by their position in the check, in the language
the learner reads (the check falls back to English like any other field). Before a
submission the page gets the questions and answer texts only; which answers are right,
and the feedback on each, are part of the graded result.
"""

from dataclasses import dataclass, field


@dataclass
class Answer:
    index: int
    text: str
    chosen: bool = False
    # Filled in only for the answer the learner chose, after they submitted.
    right: bool | None = None
    feedback: str = ""


@dataclass
class Question:
    number: int
    text: str
    answers: list[Answer]
    answered_right: bool | None = None

    @property
    def field_name(self):
        return f"q{self.number}"


@dataclass
class Result:
    questions: list[Question]
    right: int = 0
    unanswered: list[int] = field(default_factory=list)
    pass_mark: int = 0

    @property
    def total(self):
        return len(self.questions)

    @property
    def complete(self):
        return not self.unanswered

    @property
    def score(self):
        return round(100 * self.right / self.total) if self.total else 0

    @property
    def passed(self):
        # Compared without rounding: 2 right out of 3 is below a pass mark of 67.
        return self.complete and self.total > 0 and self.right * 100 >= self.pass_mark * self.total

    @property
    def chosen(self):
        return [next((a.index for a in q.answers if a.chosen), None) for q in self.questions]


def blank_questions(lesson):
    """The questions as a learner first sees them: texts only."""
    return [
        Question(
            number=number,
            text=block.value["question"],
            answers=[
                Answer(index=index, text=answer["text"])
                for index, answer in enumerate(block.value["answers"])
            ],
        )
        for number, block in enumerate(lesson.knowledge_check, start=1)
    ]


def grade(lesson, data):
    """Grade the answers in `data` (a QueryDict: q1=0, q2=2, ...) against the lesson's check."""
    questions = blank_questions(lesson)
    result = Result(questions=questions, pass_mark=lesson.pass_mark)
    for question, block in zip(questions, lesson.knowledge_check, strict=True):
        choice = _chosen_index(data.get(question.field_name), len(question.answers))
        if choice is None:
            result.unanswered.append(question.number)
            continue
        answer = question.answers[choice]
        stored = block.value["answers"][choice]
        answer.chosen = True
        answer.right = bool(stored["correct"])
        answer.feedback = stored["feedback"]
        question.answered_right = answer.right
        result.right += int(answer.right)
    if result.unanswered:
        # Nothing is graded until every question is answered: no probing one at a time.
        for question in questions:
            question.answered_right = None
            for answer in question.answers:
                answer.right, answer.feedback = None, ""
        result.right = 0
    return result


def _chosen_index(raw, count):
    try:
        index = int(raw)
    except (TypeError, ValueError):
        return None
    return index if 0 <= index < count else None
