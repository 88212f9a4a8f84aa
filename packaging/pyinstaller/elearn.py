"""Entry script of the bundled `elearn` command (build.spec): the headless CLI."""

from elearn_desktop.cli import main

raise SystemExit(main())
