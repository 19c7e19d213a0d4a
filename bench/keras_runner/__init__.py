"""Run real Keras scripts offline and fast, and record the models they build.

The pieces, each with one job:

- ``versions``: which Keras a script is written for (3, 2 or 1);
- ``shim``: ``import keras`` served by tf-keras (Keras 2) in a child process;
- ``offline``: what must not happen offline or on screen: downloads and network
  access stop the script, ``keras.datasets`` loaders return arrays of the real
  shapes, missing display libraries (matplotlib, tqdm, ...) are stubbed;
- ``training``: ``fit``/``evaluate``/``predict``/... return at once after
  building an unbuilt model on one batch;
- ``recorder``: every Keras model created, with the script line that created it,
  described at the end (``count_params()``, each layer's output shape);
- ``child``: one script in a forked child: all of the above, a time box, the
  outcome written as JSON;
- ``harness``: the parent: TensorFlow imported once, a fork per script, a
  watchdog on time and memory;
- ``compare``: Keras' models against ``shapelint summary --format json``.

``bench/kerasdiff.py`` is the command line; bench/README.md says how to run it.
"""
