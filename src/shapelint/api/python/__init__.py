"""Python itself on abstract values: ``builtins`` (``len``, ``range``,
``isinstance``, ...), ``operators`` (arithmetic, comparisons), ``containers``
(lists, dicts, tuples, strings) and ``stdlib`` (``math``, ``copy``)."""
