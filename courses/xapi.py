"""Course completions as xAPI 1.0.3 statements, for a learning record store (LRS).

One statement per completion: *actor* completed *course*.

- The actor is an account on this portal named by the learner's pseudonym (a random
  UUID kept in their profile), never their email address nor its SHA-1 (`mbox_sha1sum`):
  a hash of an address is matched back to it by anyone holding the address (hash your
  own list and compare), and follows the person into every system that uses the same
  hash. The pseudonym means nothing outside the portal, and goes with the account. The
  learner's name is not sent either.
- The course is an activity whose IRI is made of the site's address and the course's id
  (`<site>/xapi/activities/course/<id>`): stable when titles or slugs change. Completions
  of a course deleted since have no such id, and are left out; so are those of an
  account without a learner profile (the portal makes none: enrolling needs a profile).
- `context.language` is the language the course was taken in; a completion recorded by
  a trainer after a workshop says so in a context extension, names the trainer (by their
  pseudonym) as instructor, and has its training session as grouping activity.
- The statement id is derived from the completion, so exporting it again gives the same
  statement, which an LRS takes as the one it already has.
"""

import datetime
import uuid

from django.conf import settings

from modeltranslation.utils import build_localized_fieldname

from courses.tracking import profile_of

VERSION = "1.0.3"
VERB_COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
COURSE_ACTIVITY_TYPE = "http://adlnet.gov/expapi/activities/course"
PLATFORM = "Protection & Training Portal"


def site_url():
    """The portal's public address (settings.WAGTAILADMIN_BASE_URL), without a final slash."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def language_tag(code):
    """An RFC 5646 tag for one of our language codes: zh-hans is zh-Hans."""
    language, _sep, script = code.partition("-")
    return f"{language}-{script.title()}" if script else language


def course_iri(base, course_id):
    return f"{base}/xapi/activities/course/{course_id}"


def extension_iri(base, name):
    return f"{base}/xapi/extensions/{name}"


def agent(base, user):
    """An Agent for `user`, identified by an account named by their pseudonym, or None."""
    profile = profile_of(user) if user is not None else None
    if profile is None:
        return None
    return {
        "objectType": "Agent",
        "account": {"homePage": base + "/", "name": str(profile.pseudonym)},
    }


def _timestamp(value):
    return value.astimezone(datetime.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def course_activity(base, course):
    names = {
        language_tag(code): getattr(course, build_localized_fieldname("title", code))
        for code, _name in settings.LANGUAGES
        if getattr(course, build_localized_fieldname("title", code), None)
    }
    return {
        "objectType": "Activity",
        "id": course_iri(base, course.pk),
        "definition": {"type": COURSE_ACTIVITY_TYPE, "name": names},
    }


def statement(completion, base, training_session=None):
    """The statement of one completion (its `course` and `user` loaded), or None."""
    actor = agent(base, completion.user)
    if completion.course_id is None or actor is None:
        return None
    context = {
        "language": language_tag(completion.language),
        "platform": PLATFORM,
        "extensions": {
            extension_iri(base, "completion-recorded-by"): (
                "trainer" if completion.recorded_by_trainer else "learner"
            )
        },
    }
    if completion.recorded_by_trainer:
        instructor = agent(base, completion.recorded_by)
        if instructor is not None:
            context["instructor"] = instructor
    if training_session is not None:
        context["contextActivities"] = {
            "grouping": [
                {
                    "objectType": "Activity",
                    "id": f"{base}/xapi/activities/training-session/{training_session.pk}",
                    "definition": {
                        "name": {language_tag(training_session.language): training_session.name}
                    },
                }
            ]
        }
    return {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{base}/xapi/completions/{completion.pk}")),
        "version": VERSION,
        "actor": actor,
        "verb": {"id": VERB_COMPLETED, "display": {"en-US": "completed"}},
        "object": course_activity(base, completion.course),
        "result": {"completion": True, "success": True},
        "context": context,
        "timestamp": _timestamp(completion.completed_at),
    }


def statements(completions, training_sessions=None):
    """The statements of `completions`; `training_sessions`: a completion's pk -> its session."""
    base = site_url()
    training_sessions = training_sessions or {}
    found = (statement(item, base, training_sessions.get(item.pk)) for item in completions)
    return [item for item in found if item is not None]
