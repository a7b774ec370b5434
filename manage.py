#!/usr/bin/env python
from sahakar.cli import main

if __name__ == "__main__":
    main()
