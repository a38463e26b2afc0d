"""cocreate: business-process re-engineering and co-creation workshops in the terminal."""

__version__ = "0.1.0"
