#!/usr/bin/python3
"""Keras fixtures for the model import (dev.wfnet.imports), written with h5py and numpy only.

No Keras or TensorFlow exists here, so the files are written in the exact layouts Keras writes
(docs/formats.md, "Keras"), and the reference outputs come from an independent numpy
implementation of the same layer stack in Keras's own layout (NHWC maps, HWIO kernels,
TensorFlow's 'same' padding, Keras's flatten order). Run from the project root with Debian's
python3-h5py:

    /usr/bin/python3 src/test/python/make_keras_fixtures.py

It writes into src/test/resources/imports/keras/ (seeded; about 200 KB in all):

  tf2-cnn.h5        tf.keras 2.x .h5 (weight names conv2d/kernel:0 in group conv2d/conv2d), an
                    InputLayer [None, 28, 28, 1], Conv2D + BatchNormalization (epsilon 1e-3) +
                    Activation, MaxPooling2D, Conv2D stride 2 with padding 'same' (TensorFlow pads
                    0 on the top/left, 1 on the bottom/right), Flatten, Dropout, Dense relu, Dense
                    softmax; inputs are pixels / 255
  k21-mlp.h5        standalone Keras 2.1 .h5: the config a bare list of layers, the first Dense with
                    batch_input_shape [None, 784], weight names dense_1/kernel:0, and layer_names
                    split into layer_names0 and layer_names1 as Keras does for long lists
  k3-cnn.h5         Keras 3 .h5 (weight paths sequential/conv2d/kernel), input [None, 28, 28] without a
                    channel axis, Reshape to (28, 28, 1), Rescaling(1/255) on raw 0..255 pixels,
                    Conv2D 'same' stride 2, MaxPooling2D 'same' on an odd size (ceil), ZeroPadding2D,
                    AveragePooling2D 'same' on an odd size (the cut window averages its real pixels
                    only), GlobalAveragePooling2D, Dense without softmax (logits)
  k3-cnn.keras      Keras 3 archive: a Functional chain (inbound_nodes with keras_history), a
                    Normalization layer adapted on raw pixels, a Conv2D with its own name, a Conv2D
                    with an even kernel and padding 'same' (uneven padding), BatchNormalization
                    (epsilon 0.01, no scale), ReLU, LeakyReLU, Flatten, Dense, Softmax layer; weights
                    at layers/<class in snake case>/vars/N
  tf213-rgb.keras   tf.keras 2.13 archive layout (_layer_checkpoint_dependencies/<name>/vars/N): 3-channel
                    12x12 input, per-channel Rescaling, Conv2D, Flatten, BatchNormalization on the
                    flattened features (reordered with the dense kernel), Dense tanh, Dense

For each NAME: NAME.pixels.npy (N, H, W, C pixel values 0..255), NAME.inputs.npy (what the Keras
model takes: the pixels, or pixels / 255), NAME.outputs.npy (what the Keras model gives:
probabilities after a softmax, else logits) and NAME.scores.npy (what the imported network must
give: log-probabilities when the model ends in softmax, else the same logits); keras.json lists
the fixtures. hostile/ holds damaged .h5 files for the fuzz test (an int32 kernel, a missing
weight, a kernel of the wrong shape, a dataset declaring 2^40 values, no model_config, a Lambda
layer, a save_weights file, a numeric model_config) beside a valid one, and an .npz; hostile
configs and zip problems the fuzz test makes itself by editing the .keras archives.
"""
import io
import json
import os
import zipfile

import h5py
import numpy as np

OUT = os.path.join("src", "test", "resources", "imports", "keras")
RNG = np.random.default_rng(2026)


# ---- the reference: Keras's computation, written out in numpy, NHWC -----------------------------------

def same_padding(size, kernel, stride):
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


def conv2d(x, kernel, bias, stride, padding):
    """x: N,H,W,C; kernel: KH,KW,CI,CO (HWIO)."""
    kh, kw, _, co = kernel.shape
    if padding == "same":
        top, bottom = same_padding(x.shape[1], kh, stride)
        left, right = same_padding(x.shape[2], kw, stride)
        x = np.pad(x, ((0, 0), (top, bottom), (left, right), (0, 0)))
    n, h, w, _ = x.shape
    oh = (h - kh) // stride + 1
    ow = (w - kw) // stride + 1
    out = np.zeros((n, oh, ow, co))
    for i in range(kh):
        for j in range(kw):
            patch = x[:, i:i + stride * (oh - 1) + 1:stride, j:j + stride * (ow - 1) + 1:stride, :]
            out += np.tensordot(patch, kernel[i, j], axes=([3], [0]))
    return out + (0 if bias is None else bias)


def pool2d(x, size, stride, padding, kind):
    n, h, w, c = x.shape
    if padding == "same":
        top, bottom = same_padding(h, size, stride)
        left, right = same_padding(w, size, stride)
    else:
        top = bottom = left = right = 0
    fill = -np.inf if kind == "max" else np.nan
    x = np.pad(x, ((0, 0), (top, bottom), (left, right), (0, 0)), constant_values=fill)
    oh = (h + top + bottom - size) // stride + 1
    ow = (w + left + right - size) // stride + 1
    out = np.zeros((n, oh, ow, c))
    for a in range(oh):
        for b in range(ow):
            window = x[:, a * stride:a * stride + size, b * stride:b * stride + size, :]
            # TensorFlow's 'same' average counts only real pixels
            out[:, a, b, :] = window.max(axis=(1, 2)) if kind == "max" else np.nanmean(window, axis=(1, 2))
    return out


def batch_norm(x, gamma, beta, mean, variance, eps):
    return gamma * (x - mean) / np.sqrt(variance + eps) + beta


def activation(x, name, slope=0.2):
    if name == "relu":
        return np.maximum(x, 0)
    if name == "tanh":
        return np.tanh(x)
    if name == "leaky_relu":
        return np.where(x > 0, x, slope * x)
    if name == "linear":
        return x
    raise ValueError(name)


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def log_softmax(z):
    m = z - z.max(axis=1, keepdims=True)
    return m - np.log(np.exp(m).sum(axis=1, keepdims=True))


# ---- Keras layer configs and weights ------------------------------------------------------------------

def f32(*shape, scale=0.3):
    return (RNG.standard_normal(shape) * scale).astype(np.float32)


def positive(*shape):
    return RNG.uniform(0.5, 1.5, shape).astype(np.float32)


class Model:
    """A layer list: (class_name, config, [(weight name, array)]) in order, and an input shape."""

    def __init__(self, batch_shape):
        self.batch_shape = batch_shape
        self.layers = []
        self.counts = {}

    def add(self, class_name, config=None, weights=(), name=None):
        base = {"Conv2D": "conv2d", "Dense": "dense", "BatchNormalization": "batch_normalization",
                "MaxPooling2D": "max_pooling2d", "AveragePooling2D": "average_pooling2d",
                "GlobalAveragePooling2D": "global_average_pooling2d", "ZeroPadding2D": "zero_padding2d",
                "Flatten": "flatten", "Dropout": "dropout", "Activation": "activation", "ReLU": "re_lu",
                "LeakyReLU": "leaky_re_lu", "Softmax": "softmax", "Rescaling": "rescaling",
                "Normalization": "normalization", "Reshape": "reshape", "InputLayer": "input_layer"}[class_name]
        if name is None:
            k = self.counts.get(base, 0)
            self.counts[base] = k + 1
            name = base if k == 0 else "%s_%d" % (base, k)
        config = dict(config or {})
        config["name"] = name
        config.setdefault("trainable", True)
        config.setdefault("dtype", "float32")
        self.layers.append((class_name, config, list(weights)))
        return self


def reference(model, x):
    """Runs the layer list as Keras does, on NHWC (or flat) float64 inputs; returns (outputs, scores)."""
    x = x.astype(np.float64)
    probabilities = False
    for class_name, c, weights in model.layers:
        w = {n: a.astype(np.float64) for n, a in weights}
        if class_name in ("InputLayer", "Dropout"):
            continue
        if class_name == "Reshape":
            x = x.reshape((x.shape[0],) + tuple(c["target_shape"]))
        elif class_name == "Rescaling":
            x = x * np.asarray(c["scale"]) + np.asarray(c["offset"])
        elif class_name == "Normalization":
            x = (x - w["mean"].reshape(-1)) / np.maximum(np.sqrt(w["variance"].reshape(-1)), 1e-7)
        elif class_name == "Conv2D":
            x = conv2d(x, w["kernel"], w.get("bias"), c["strides"][0], c["padding"])
            x = activation(x, c["activation"])
        elif class_name == "Dense":
            x = x @ w["kernel"] + w["bias"]
            if c["activation"] == "softmax":
                probabilities = True
            else:
                x = activation(x, c["activation"])
        elif class_name == "BatchNormalization":
            gamma = w.get("gamma", 1.0)
            beta = w.get("beta", 0.0)
            x = batch_norm(x, gamma, beta, w["moving_mean"], w["moving_variance"], c["epsilon"])
        elif class_name == "Activation":
            if c["activation"] == "softmax":
                probabilities = True
            else:
                x = activation(x, c["activation"])
        elif class_name == "ReLU":
            x = np.maximum(x, 0)
        elif class_name == "LeakyReLU":
            x = activation(x, "leaky_relu", c["negative_slope"])
        elif class_name == "Softmax":
            probabilities = True
        elif class_name in ("MaxPooling2D", "AveragePooling2D"):
            stride = c["strides"][0] if c.get("strides") else c["pool_size"][0]
            x = pool2d(x, c["pool_size"][0], stride, c["padding"], "max" if class_name == "MaxPooling2D" else "avg")
        elif class_name == "ZeroPadding2D":
            (t, b), (l, r) = c["padding"]
            x = np.pad(x, ((0, 0), (t, b), (l, r), (0, 0)))
        elif class_name == "GlobalAveragePooling2D":
            x = x.mean(axis=(1, 2))
        elif class_name == "Flatten":
            x = x.reshape(x.shape[0], -1)  # NHWC order, as Keras flattens
        else:
            raise ValueError(class_name)
    if probabilities:
        return softmax(x), log_softmax(x)
    return x, x


# ---- the file layouts ------------------------------------------------------------------------------

def keras2_entry(class_name, config):
    return {"class_name": class_name, "config": config}


def keras3_entry(class_name, config, build_shape=None):
    entry = {"module": "keras.layers", "class_name": class_name, "config": config, "registered_name": None}
    if build_shape is not None:
        entry["build_config"] = {"input_shape": build_shape}
    return entry


def string_list(values):
    return np.array([v.encode("utf8") for v in values])


def write_legacy_h5(path, model, style, split_layer_names=False):
    """style: 'tf2' (tf.keras 2.x), 'k21' (Keras 2.1) or 'k3' (Keras 3's legacy .h5)."""
    weighted = [(c["name"], weights) for _, c, weights in model.layers if _ != "InputLayer"]
    if style == "k21":
        config = [keras2_entry(k, c) for k, c, _ in model.layers]
        config[0]["config"]["batch_input_shape"] = model.batch_shape
        model_config = {"class_name": "Sequential", "config": config}
        version = "2.1.6"
    elif style == "tf2":
        layers = [keras2_entry("InputLayer", {"batch_input_shape": model.batch_shape, "dtype": "float32",
                                              "sparse": False, "ragged": False, "name": "conv2d_input"})]
        layers += [keras2_entry(k, c) for k, c, _ in model.layers]
        model_config = {"class_name": "Sequential", "config": {"name": "sequential", "layers": layers}}
        version = "2.11.0"
    else:
        layers = [keras3_entry("InputLayer", {"batch_shape": model.batch_shape, "dtype": "float32",
                                              "sparse": False, "name": "input_layer"})]
        layers += [keras3_entry(k, c) for k, c, _ in model.layers]
        model_config = {"module": "keras", "class_name": "Sequential",
                        "config": {"name": "sequential", "trainable": True, "dtype": "float32", "layers": layers},
                        "registered_name": None}
        version = "3.3.3"
    with h5py.File(path, "w") as f:
        text = json.dumps(model_config)
        # tf.keras and Keras 2.1 store bytes (a fixed-length string); Keras 3 a variable-length str
        f.attrs["model_config"] = text if style == "k3" else text.encode("utf8")
        f.attrs["keras_version"] = version.encode("utf8")
        f.attrs["backend"] = b"tensorflow"
        g = f.create_group("model_weights")
        names = [n for n, _ in weighted]
        if split_layer_names:
            half = len(names) // 2
            g.attrs["layer_names0"] = string_list(names[:half])
            g.attrs["layer_names1"] = string_list(names[half:])
        else:
            g.attrs["layer_names"] = string_list(names)
        g.attrs["backend"] = b"tensorflow"
        g.attrs["keras_version"] = version.encode("utf8")
        for name, weights in weighted:
            layer = g.create_group(name)
            if style == "k3":
                paths = ["sequential/%s/%s" % (name, w) for w, _ in weights]
            else:
                paths = ["%s/%s:0" % (name, w) for w, _ in weights]
            # Keras writes an empty float array for a layer without weights
            layer.attrs["weight_names"] = string_list(paths) if paths else np.zeros((0,))
            for p, (_, value) in zip(paths, weights):
                layer.create_dataset(p, data=value)


def snake(class_name):
    import re
    name = re.sub(r"\W+", "", class_name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


def write_keras_archive(path, model, layout):
    """layout: 'k3' (layers/<snake>/vars, Functional config) or 'tf213' (_layer_checkpoint_dependencies)."""
    if layout == "k3":
        entries = [dict(keras3_entry("InputLayer", {"batch_shape": model.batch_shape, "dtype": "float32",
                                                    "sparse": False, "name": "input_layer"}),
                        name="input_layer", inbound_nodes=[])]
        previous = "input_layer"
        for k, c, _ in model.layers:
            entry = keras3_entry(k, c, model.batch_shape)
            entry["name"] = c["name"]
            entry["inbound_nodes"] = [{"args": [{"class_name": "__keras_tensor__", "config": {
                "shape": model.batch_shape, "dtype": "float32", "keras_history": [previous, 0, 0]}}], "kwargs": {}}]
            entries.append(entry)
            previous = c["name"]
        config = {"module": "keras.src.models.functional", "class_name": "Functional",
                  "config": {"name": "functional", "trainable": True, "layers": entries,
                             "input_layers": [["input_layer", 0, 0]], "output_layers": [[previous, 0, 0]]},
                  "registered_name": "Functional", "build_config": {"input_shape": None}}
        container = "layers"
    else:
        layers = [keras2_entry(k, c) for k, c, _ in model.layers]
        layers.insert(0, keras2_entry("InputLayer", {"batch_input_shape": model.batch_shape, "dtype": "float32",
                                                     "name": "input_1"}))
        config = {"module": "keras", "class_name": "Sequential", "config": {"name": "sequential", "layers": layers},
                  "registered_name": None, "build_config": {"input_shape": model.batch_shape}}
        container = "_layer_checkpoint_dependencies"
    weights = io.BytesIO()
    with h5py.File(weights, "w") as f:
        top = f.create_group(container)
        used = {}
        for k, c, ws in model.layers:
            if layout == "k3":
                base = snake(k)
                n = used.get(base, -1) + 1
                used[base] = n
                group_name = base if n == 0 else "%s_%d" % (base, n)
            else:
                group_name = c["name"]
            vars_group = top.create_group(group_name).create_group("vars")
            for i, (_, value) in enumerate(ws):
                vars_group.create_dataset(str(i), data=value)
        f.create_group("optimizer").create_group("vars")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in [("metadata.json", json.dumps({"keras_version": "3.3.3" if layout == "k3" else "2.13.1",
                                                         "date_saved": "2026-11-30@12:00:00"})),
                           ("config.json", json.dumps(config)), ("model.weights.h5", weights.getvalue())]:
            entry = zipfile.ZipInfo(name, date_time=(2026, 11, 30, 12, 0, 0))  # the same bytes on every run
            entry.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(entry, data)


# ---- the models ------------------------------------------------------------------------------------

def conv(filters, k, cin, stride=1, padding="valid", act="linear", use_bias=True, name=None):
    cfg = {"filters": filters, "kernel_size": [k, k], "strides": [stride, stride], "padding": padding,
           "data_format": "channels_last", "dilation_rate": [1, 1], "groups": 1, "activation": act,
           "use_bias": use_bias}
    ws = [("kernel", f32(k, k, cin, filters, scale=0.6 / np.sqrt(k * k * cin)))]
    if use_bias:
        ws.append(("bias", f32(filters, scale=0.1)))
    return "Conv2D", cfg, ws, name


def dense(units, cin, act="linear"):
    return "Dense", {"units": units, "activation": act, "use_bias": True}, \
        [("kernel", f32(cin, units, scale=1.0 / np.sqrt(cin))), ("bias", f32(units, scale=0.1))], None


def batch_norm_layer(c, eps, scale=True, center=True):
    ws = []
    if scale:
        ws.append(("gamma", positive(c)))
    if center:
        ws.append(("beta", f32(c, scale=0.2)))
    ws += [("moving_mean", f32(c, scale=0.2)), ("moving_variance", positive(c))]
    return "BatchNormalization", {"axis": -1, "momentum": 0.99, "epsilon": eps, "center": center, "scale": scale}, \
        ws, None


def pool(kind, size, stride, padding):
    return kind, {"pool_size": [size, size], "strides": [stride, stride], "padding": padding,
                  "data_format": "channels_last"}, [], None


def simple(class_name, **config):
    return class_name, config, [], None


def build(batch_shape, layers):
    model = Model(batch_shape)
    for class_name, config, weights, name in layers:
        model.add(class_name, config, weights, name)
    return model


def models():
    tf2 = build([None, 28, 28, 1], [
        conv(4, 3, 1), batch_norm_layer(4, 1e-3), simple("Activation", activation="relu"),   # 26
        conv(6, 3, 4, stride=2, padding="same", act="relu"),          # 26 -> 13, pads 1 bottom/right only
        pool("MaxPooling2D", 2, 2, "valid"),                          # 6
        simple("Flatten", data_format="channels_last"), simple("Dropout", rate=0.25),
        dense(16, 6 * 6 * 6, "relu"), dense(10, 16, "softmax")])
    k21 = build([None, 784], [dense(24, 784, "relu"), simple("Dropout", rate=0.2), dense(10, 24, "softmax")])
    k3 = build([None, 28, 28], [
        simple("Reshape", target_shape=[28, 28, 1]), simple("Rescaling", scale=1 / 255.0, offset=0.0),
        conv(5, 3, 1, stride=2, padding="same", act="relu"),          # 28 -> 14: pads 0 top, 1 bottom
        pool("MaxPooling2D", 2, 2, "valid"),                          # 14 -> 7
        pool("MaxPooling2D", 2, 2, "same"),                           # 7 -> 4, the last window cut
        ("ZeroPadding2D", {"padding": [[1, 0], [0, 1]], "data_format": "channels_last"}, [], None),
        pool("AveragePooling2D", 2, 2, "same"),                       # 5 -> 3, the last window of 1 pixel
        simple("GlobalAveragePooling2D", data_format="channels_last", keepdims=False),
        dense(10, 5, "linear")])
    keras3 = build([None, 28, 28, 1], [
        ("Normalization", {"axis": -1, "invert": False, "mean": None, "variance": None}, [
            ("mean", np.array([72.94], np.float32)), ("variance", np.array([8100.0], np.float32)),
            ("count", np.array(60000, np.int64))], None),
        conv(4, 3, 1, act="relu", name="features"),                   # 26
        conv(6, 2, 4, padding="same", use_bias=False),                 # even kernel: pads 0 top, 1 bottom
        batch_norm_layer(6, 0.01, scale=False), simple("ReLU", max_value=None, negative_slope=0.0, threshold=0.0),
        pool("MaxPooling2D", 2, 2, "valid"),                          # 13
        conv(3, 3, 6, stride=2, padding="valid"),                      # 6
        simple("LeakyReLU", negative_slope=0.1),
        simple("Flatten", data_format="channels_last"),
        dense(12, 6 * 6 * 3, "relu"), dense(10, 12, "linear"), simple("Softmax", axis=-1)])
    rgb = build([None, 12, 12, 3], [
        simple("Rescaling", scale=[1 / 127.5, 1 / 100.0, 1 / 60.0], offset=[-1.0, -0.5, 0.0]),
        conv(4, 3, 3, act="relu"),                                     # 10x10x4
        simple("Flatten", data_format="channels_last"),
        ("BatchNormalization", {"axis": -1, "momentum": 0.99, "epsilon": 1e-3, "center": True, "scale": True},
         [("gamma", positive(400)), ("beta", f32(400, scale=0.2)), ("moving_mean", f32(400, scale=0.2)),
          ("moving_variance", positive(400))], None),
        dense(8, 400, "tanh"), dense(5, 8, "linear")])
    return [
        ("tf2-cnn", "tf2-cnn.h5", tf2, lambda m, p: write_legacy_h5(p, m, "tf2"), False),
        ("k21-mlp", "k21-mlp.h5", k21, lambda m, p: write_legacy_h5(p, m, "k21", split_layer_names=True), False),
        ("k3-cnn", "k3-cnn.h5", k3, lambda m, p: write_legacy_h5(p, m, "k3"), True),
        ("k3-functional", "k3-cnn.keras", keras3, lambda m, p: write_keras_archive(p, m, "k3"), True),
        ("tf213-rgb", "tf213-rgb.keras", rgb, lambda m, p: write_keras_archive(p, m, "tf213"), True),
    ]


def hostile():
    """Damaged .h5 files the fuzz test cannot make itself (it edits zips, not HDF5)."""
    out = os.path.join(OUT, "hostile")
    os.makedirs(out, exist_ok=True)
    small = build([None, 4, 4, 1], [conv(2, 3, 1), simple("Flatten"), dense(3, 8, "softmax")])

    def variant(name, edit):
        path = os.path.join(out, name + ".h5")
        write_legacy_h5(path, small, "tf2")
        with h5py.File(path, "a") as f:
            edit(f)

    def int_kernel(f):
        g = f["model_weights/conv2d"]
        del g["conv2d/kernel:0"]
        g.create_dataset("conv2d/kernel:0", data=np.ones((3, 3, 1, 2), np.int32))

    def missing_weight(f):
        del f["model_weights/conv2d/conv2d/bias:0"]

    def short_kernel(f):
        g = f["model_weights/dense"]
        del g["dense/kernel:0"]
        g.create_dataset("dense/kernel:0", data=np.ones((7, 3), np.float32))

    def huge_dataset(f):
        g = f["model_weights/dense"]
        del g["dense/kernel:0"]
        # declared 2^40 values, chunked and never written: a few bytes on disk
        g.create_dataset("dense/kernel:0", shape=(1 << 20, 1 << 20), dtype=np.float32, chunks=(1, 16))

    def no_config(f):
        del f.attrs["model_config"]

    def lambda_layer(f):
        config = json.loads(f.attrs["model_config"])
        config["config"]["layers"].insert(2, {"class_name": "Lambda", "config": {
            "name": "lambda", "function": ["4wEAAAAAAAAAAQAAAAQAAABTAAAAcwQAAAB8AFMAKQFOqQApAdoBeHIBAAAAcgEAAAD6H",
                                           None, None], "module": "__main__", "function_type": "lambda"}})
        f.attrs["model_config"] = json.dumps(config).encode("utf8")

    def weights_only(f):
        # what save_weights writes: layer_names at the root, no model_config
        del f.attrs["model_config"]
        f.attrs["layer_names"] = f["model_weights"].attrs["layer_names"]

    def string_config(f):
        f.attrs["model_config"] = np.array([1, 2, 3], np.int32)

    for name, edit in [("int-kernel", int_kernel), ("missing-weight", missing_weight), ("short-kernel", short_kernel),
                       ("huge-dataset", huge_dataset), ("no-config", no_config), ("lambda", lambda_layer),
                       ("weights-only", weights_only), ("numeric-config", string_config)]:
        variant(name, edit)
    write_legacy_h5(os.path.join(out, "valid-small.h5"), small, "tf2")
    # the weights of a Keras model as numpy's .npz, which may hold pickles
    np.savez(os.path.join(out, "weights.npz"), kernel=np.ones((3, 3), np.float32))


def main():
    os.makedirs(OUT, exist_ok=True)
    index = []
    for name, file_name, model, write, raw in models():
        write(model, os.path.join(OUT, file_name))
        shape = [s for s in model.batch_shape[1:]]
        pixels = RNG.integers(0, 256, size=[6] + shape).astype(np.float32)
        inputs = pixels if raw else pixels / 255.0
        outputs, scores = reference(model, inputs)
        np.save(os.path.join(OUT, name + ".pixels.npy"), pixels)
        np.save(os.path.join(OUT, name + ".inputs.npy"), inputs.astype(np.float32))
        np.save(os.path.join(OUT, name + ".outputs.npy"), outputs.astype(np.float32))
        np.save(os.path.join(OUT, name + ".scores.npy"), scores.astype(np.float32))
        index.append({"name": name, "file": file_name, "raw_pixels": raw, "classes": int(outputs.shape[1])})
    with open(os.path.join(OUT, "keras.json"), "w") as f:
        json.dump({"fixtures": index}, f, indent=1, sort_keys=True)
        f.write("\n")
    hostile()


if __name__ == "__main__":
    main()
