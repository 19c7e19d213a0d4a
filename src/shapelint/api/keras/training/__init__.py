"""Data meets model: ``model.compile(loss=...)`` is recorded on the model, and
``fit``, ``evaluate``, ``predict``, ``train_on_batch``, ``test_on_batch``,
``predict_on_batch`` and ``validation_data=(x, y)`` are checked against the
model's inputs, outputs and loss, as Keras checks them.

Keras 3 (keras/src, 3.15.1) is the reference: a functional model first checks
each array against its input spec (a trailing axis of 1 dropped on both
sides, then the leading dims compared: models/functional.py ``input_spec``
and layers/input_spec.py), then adjusts ranks (``_adjust_input_rank``: one
extra trailing axis of 1 is squeezed, one missing axis is added when the
input's last dim is 1, anything else raises); a Sequential model only adjusts
ranks; then every layer runs on the data's shape, each with its own checks
(here: the layers' catalogue entries on the data's shape). Targets go through
the loss: ``squeeze_or_expand_to_same_rank`` (losses/loss.py), then
categorical and binary crossentropy need equal shapes, sparse categorical
crossentropy needs ``target.shape == output.shape[:-1]`` (a trailing 1
dropped), and the element-wise losses (mse, mae, ...) broadcast. Code written
for Keras 1 gets Keras 1's stricter ``standardize_input_data`` (the array's
rank and every known dim must equal the model's; 1-D arrays become (N, 1)).

Errors (SL105 inputs, SL106 targets) are reported only where every value the
data could have makes Keras raise; SL204 where Keras runs but trains on
something else (targets broadcast against the output).

The modules, in the order a call goes through them: ``compilation`` (the loss
and metrics ``compile`` records), ``calls`` (a data call's arguments, its
pipeline, ``validation_data``, what ``predict`` returns), ``check`` (one
set of data against the model), ``model_io`` (the model's side, and its
layers replayed on the data), ``rules`` (Keras' procedures on shapes with
unknown dims), ``batches`` (the batch sizes of a call), ``advice`` (the
words of the findings).
"""
