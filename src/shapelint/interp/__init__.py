"""The abstract interpreter: Python's semantics over abstract values.

``context`` is what the models of the API see of it; ``state`` holds scopes
and the trail (every change logged, so that both sides of an undecided
condition can run and be joined); ``paths`` decides which findings hold on
every path.
"""
