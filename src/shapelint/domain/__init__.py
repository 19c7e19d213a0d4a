"""The abstract values the evaluator computes with, and their lattice.

``shapes`` (dims: known, unknown or symbolic), ``values`` (UNKNOWN, Python
containers, functions, classes, module references), ``layer_config`` (a
layer's bound arguments, weights and errors), ``graph`` (layers, nodes,
tensors and models; applying a layer to tensors; counting weights),
``arrays`` (NumPy arrays), ``training`` (what ``compile`` records),
``unlisted`` (layers of a backbone that are counted, not listed) and
``lattice`` (join, same, havoc: what holds on both of two paths, or after a
loop). Nothing here imports the interpreter, the API models or the
catalogue (the layer entries are called through ``graph``'s interface).
"""
