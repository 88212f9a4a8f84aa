"""elearn-desktop: the desktop client of the e-learning platform."""

__version__ = "0.1.0"
