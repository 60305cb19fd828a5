import sys

from whoknows.quick import main

sys.exit(main())
