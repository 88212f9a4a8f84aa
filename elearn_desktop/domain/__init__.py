"""Pure rules with no I/O: validation, slugs, passwords, progress and scoring."""
