"""Entry script of the bundled `elearn-desktop` (build.spec): the GUI, as installed."""

from elearn_desktop.app import main

raise SystemExit(main())
