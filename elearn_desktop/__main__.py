"""`python -m elearn_desktop` starts the GUI, like `elearn-desktop`."""

from elearn_desktop.app import main

if __name__ == "__main__":
    raise SystemExit(main())
