"""The frozen app's entry point: the same as the ``interview-prep`` command."""

import sys

from interview_prep.cli import main

if __name__ == "__main__":
    sys.exit(main())
