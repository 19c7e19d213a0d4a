"""Keras' API, as far as it has moved out of ``shapelint.evaluator``:
``data_utils`` (``keras.datasets``, ``to_categorical``, ``pad_sequences``),
``sequential_input`` (the input of a Sequential built on data), ``training``
(``compile``, and the data of ``fit``/``evaluate``/``predict`` checked
against the model)."""
