"""Importing existing guidance written as HTML files into guidance pages (the
`import_guidance` command and the admin's *Import guidance*).

Reading is separate from writing: `html_tree` turns a file's bytes into an element tree
that remembers lines, `documents` turns the tree into a title, a summary and StreamField
blocks, and `pages` checks the target and writes the pages.
"""
