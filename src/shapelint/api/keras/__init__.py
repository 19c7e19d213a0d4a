"""Keras' API, as far as it has moved out of ``shapelint.evaluator``:
``data_utils`` (``keras.datasets``, ``to_categorical``, ``pad_sequences``)."""
