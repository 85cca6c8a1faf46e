"""Admin integration of the guidance library: each editorial feature registers its own hooks."""

from guidance import rich_text_links  # noqa: F401
from guidance.editorial import (
    hooks,  # noqa: F401
    import_upload,  # noqa: F401
    snippets,  # noqa: F401
    xliff,  # noqa: F401
)
