"""Progress for long management commands: a bar on a terminal, plain lines in a log."""

import sys
import time


def progress(items, label, stream=None, total=None, every=None):
    """Yield from `items`, reporting how far along the work is.

    On a terminal the line is redrawn in place; elsewhere (CI logs, pipes) a
    line is written every `every` items (by default about every tenth).
    """
    stream = stream or sys.stderr
    if total is None:
        try:
            total = len(items)
        except TypeError:
            total = None
    interactive = getattr(stream, "isatty", lambda: False)()
    step = every or max(1, (total or 100) // 10)
    started = time.monotonic()
    done = 0

    def report(final=False):
        elapsed = time.monotonic() - started
        if total:
            width = 30
            filled = int(width * done / total)
            bar = "#" * filled + "-" * (width - filled)
            text = f"{label}: [{bar}] {done}/{total} ({100 * done // total}%) {elapsed:.1f}s"
        else:
            text = f"{label}: {done} {elapsed:.1f}s"
        if interactive:
            stream.write("\r" + text + ("\n" if final else ""))
        else:
            stream.write(text + "\n")
        stream.flush()

    for item in items:
        yield item
        done += 1
        if interactive or done % step == 0:
            if not (total and done == total):
                report()
    report(final=True)
