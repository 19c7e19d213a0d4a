"""shapelint: a static shape checker for Keras model code."""

__version__ = "0.1.0"
