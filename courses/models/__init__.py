from courses.models.learning import (
    CompletionTally,
    CourseCompletion,
    Enrolment,
    LearnerProfile,
    LessonCompletion,
    QuizAttempt,
    WithdrawnCertificate,
)
from courses.models.pages import (
    CourseContentPage,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    ModulePage,
    featured_courses,
)
from courses.models.recertification import Recertification
from courses.models.training import TrainerRoleRequest, TrainingSession, TrainingSessionInvitation

__all__ = [
    "TrainingSession",
    "TrainingSessionInvitation",
    "CompletionTally",
    "CourseCompletion",
    "CourseContentPage",
    "CourseIndexPage",
    "CoursePage",
    "Enrolment",
    "LearnerProfile",
    "LessonCompletion",
    "LessonPage",
    "ModulePage",
    "QuizAttempt",
    "Recertification",
    "TrainerRoleRequest",
    "WithdrawnCertificate",
    "featured_courses",
]
