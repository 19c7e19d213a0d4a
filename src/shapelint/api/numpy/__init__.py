"""NumPy arrays as the evaluator tracks them: their shape (with the same
known / unknown / symbolic dims as tensors), their dtype and where the shape
came from, through the data code of a typical Keras script.

What is modelled: ``keras.datasets`` loaders, NumPy constructors
(``zeros``, ``ones``, ``empty``, ``full``, ``*_like``, ``random.*``,
``arange``, ``linspace``, ``eye``, ``array`` of literal nested lists),
``reshape`` (with ``-1``), ``expand_dims``, ``newaxis``/``None`` indexing,
basic slicing, ``squeeze``, ``transpose``/``.T``, ``concatenate``/``stack``,
element-wise arithmetic with broadcasting, ``astype``, reductions along an
axis, ``.shape``/``.ndim``/``.size``/``len``, Keras' ``to_categorical`` and
``pad_sequences``, scikit-learn's ``train_test_split``, TensorFlow's eager
tensors (``tf.constant``, ``tf.zeros``, ``tf.random.normal``, ...) and what
a layer or model called on arrays returns (an eager tensor). Anything else
(pandas, files, unknown functions) stays UNKNOWN: a shape is never guessed.

A dim is an ``int``, ``None`` (unknown) or a :class:`~shapelint.domain.shapes.Sym`;
a shape is a tuple of dims (without a batch axis: an array's first dim is its
number of samples) or ``None`` when even the rank is unknown. Where NumPy
would raise, the result is UNKNOWN: a program that crashes there never
reaches a ``fit``.
"""
