"""Keras' API, as the interpreter meets it:

- ``by_path``: a call of a Keras function or class by its path, looked up in
  the registry (``creators`` declares what makes a Keras object);
- ``construction``: layer constructors, ``Input``, ``Sequential`` and its
  methods, functional ``Model``, applications;
- ``objects``: the attributes and methods of the tensors, layers and models
  made, and calling them;
- ``subclassing`` and ``tracking``: user subclasses of ``Layer``/``Model``
  and the weights Keras tracks on them; ``lambdas``: ``Lambda`` layers;
- ``copies``: ``clone_model``, ``from_config``, ``load_model``;
- ``ops`` and ``shape_queries``: tensor operations and shape questions;
- ``unlisted``: the layers of a model shapelint does not list one by one;
- ``data_utils``, ``sequential_input`` and ``training``: the data side
  (datasets, ``to_categorical``), a Sequential built on data, and ``compile``
  with the data of ``fit``/``evaluate``/``predict`` checked against the model.
"""
