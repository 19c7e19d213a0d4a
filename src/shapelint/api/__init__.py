"""The models of the APIs a Keras script calls, behind the interpreter's
questions (``interp.context.Api``): ``dispatch.py`` sends each question about
a value to the model of its kind; ``python/`` (built-ins, operators,
containers, ``math`` and ``copy``), ``numpy/`` (arrays, their functions and
methods), ``keras/`` (Keras' objects, layers, models, operations and
training), ``tensorflow.py`` (eager tensors) and
``sklearn.py`` (``train_test_split``)."""
