"""Editorial work on the library: the translators' page form and the admin reports."""
