from django.core.management import call_command
from django.core.management.base import BaseCommand

from alerts.demo import load_subscribers
from courses.demo import load_courses
from guidance.demo import load_library
from portal.demo import load_home, load_information_pages
from search.editorial import load_demo_acronyms, load_demo_synonyms


class Command(BaseCommand):
    help = (
        "Load the demo content in all six languages and build the search index for it. "
        "Safe to run again: what is already there is kept, and the index is only rebuilt "
        "when something was added."
    )

    def handle(self, *args, **options):
        home, created = load_home()
        self.stdout.write(f"Home page: {home.title} ({'created' if created else 'kept'})")
        information = load_information_pages(home)
        self.stdout.write(f"Information pages: {information} added")
        added = load_library(home, stdout=self.stderr)
        self.stdout.write(f"Library: {added} pages added")
        courses_added = load_courses(home, stdout=self.stderr)
        self.stdout.write(f"Courses: {courses_added} pages added")
        self.stdout.write(f"Search synonyms: {load_demo_synonyms()} added")
        self.stdout.write(f"Search acronyms: {load_demo_acronyms()} added")
        self.stdout.write(f"Alert subscribers: {load_subscribers()} added")
        if created or information or added or courses_added:
            call_command("update_index", stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content ready."))
