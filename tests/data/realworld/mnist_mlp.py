"""An MLP on MNIST: the loader gives arrays of the real shapes, fit/evaluate/predict
return at once (the model is built), and shapelint's summary is Keras'."""

import keras
from keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train.reshape(60000, 784).astype("float32") / 255
x_test = x_test.reshape(10000, 784).astype("float32") / 255
y_train = keras.utils.to_categorical(y_train, 10)
y_test = keras.utils.to_categorical(y_test, 10)

model = keras.Sequential(
    [
        keras.Input(shape=(784,)),
        layers.Dense(64, activation="relu"),
        layers.Dense(10, activation="softmax"),
    ]
)
model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
history = model.fit(x_train, y_train, batch_size=128, epochs=20, validation_split=0.1)
loss, accuracy = model.evaluate(x_test, y_test)
predictions = model.predict(x_test)
assert predictions.shape == (10000, 10)
print(history.history["val_accuracy"][-1], loss, accuracy)
