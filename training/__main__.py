"""``python -m training``: train the embedded models (see :mod:`training.train`)."""

import sys

from training.train import main

sys.exit(main())
