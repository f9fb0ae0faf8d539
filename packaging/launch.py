"""Entry script for the PyInstaller bundle."""

import sys

from app.main import main

sys.exit(main())
