"""Budgets: every loop, call, sequence and number the evaluator makes is
bounded (DESIGN, principle 5). Past a budget a value becomes unknown, and a
file past the step budget is summarised as cut short."""

MAX_STEPS = 200_000  # evaluation steps per file
CALL_STEPS = 25_000  # steps one call of a user function may take
MAX_CALL_DEPTH = 16
MAX_UNROLL = 512
#: Items of a list, tuple, string or range the evaluator builds or unrolls.
MAX_SEQUENCE = 10_000
#: Bits of an integer it computes.
MAX_INT_BITS = 4096
ABSTRACT_LOOP_ROUNDS = 2
#: Loops run abstractly inside this many other abstract loops get one pass.
MAX_ABSTRACT_NESTING = 2
