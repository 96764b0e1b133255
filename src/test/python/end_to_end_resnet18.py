#!/usr/bin/python3
"""The end-to-end check of the model import: a torchvision-layout ResNet-18 trained in PyTorch,
imported, evaluated, untrained.

    /usr/bin/python3 src/test/python/end_to_end_resnet18.py OUT_DIR

writes into OUT_DIR (nothing is committed):

  images/train/<class>/*.png, images/test/<class>/*.png
      Fashion-MNIST from /usr/share/datasets/fashion-mnist (Debian's dataset-fashion-mnist), 600
      training and 100 test images per class, as 32x32 RGB PNGs: an image folder the workbench
      reads as folder:OUT_DIR/images, and PyTorch reads here through PIL
  r18.pth
      the state_dict of torchvision's ResNet-18 layout (torchvision's BasicBlock and _make_layer,
      the ImageNet stem: 7x7 stride-2 convolution and max-pool) at width 16, 10 classes, trained for
      two epochs on the training images with ImageNet normalisation, seeded
  classes.txt
      the class names, one per line

and prints PyTorch's accuracy on the test images, which `wfnet evaluate` must reproduce. The
commands that follow are in README.md, "Bring your own model".
"""
import gzip
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from torchvision import transforms
from torchvision.models.resnet import BasicBlock

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_import_fixtures import TorchvisionResNet  # noqa: E402

CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
SOURCE = "/usr/share/datasets/fashion-mnist"


def idx(name):
    with gzip.open(os.path.join(SOURCE, name)) as f:
        data = f.read()
    if name.find("labels") >= 0:
        return np.frombuffer(data, np.uint8, offset=8)
    return np.frombuffer(data, np.uint8, offset=16).reshape(-1, 28, 28)


def export(out, split, images, labels, per_class):
    paths = []
    for c in range(10):
        folder = os.path.join(out, "images", split, "%d-%s" % (c, CLASSES[c].replace("/", "-")))
        os.makedirs(folder, exist_ok=True)
        for k, i in enumerate(np.where(labels == c)[0][:per_class]):
            path = os.path.join(folder, "%05d.png" % k)
            Image.fromarray(images[i], "L").resize((32, 32), Image.BILINEAR).convert("RGB").save(path)
            paths.append((path, c))
    return paths


def main():
    out = sys.argv[1]
    torch.manual_seed(0)
    torch.set_num_threads(1)
    train = export(out, "train", idx("train-images-idx3-ubyte.gz"), idx("train-labels-idx1-ubyte.gz"), 600)
    test = export(out, "test", idx("t10k-images-idx3-ubyte.gz"), idx("t10k-labels-idx1-ubyte.gz"), 100)
    with open(os.path.join(out, "classes.txt"), "w") as f:
        f.write("\n".join(name.replace("/", "-") for name in CLASSES) + "\n")
    prepare = transforms.Compose([transforms.ToTensor(),
                                  transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])

    def batch(items):
        return (torch.stack([prepare(Image.open(p).convert("RGB")) for p, _ in items]),
                torch.tensor([c for _, c in items]))

    x_train, y_train = batch(train)
    x_test, y_test = batch(test)
    model = TorchvisionResNet(BasicBlock, [2, 2, 2, 2], 16, 10)
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-3)
    for epoch in range(2):
        model.train()
        order = torch.randperm(len(x_train))
        for start in range(0, len(order), 64):
            index = order[start:start + 64]
            loss = F.cross_entropy(model(x_train[index]), y_train[index])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            accuracy = (model(x_test).argmax(1) == y_test).float().mean().item()
        print("epoch %d: PyTorch test accuracy %.2f%%" % (epoch + 1, 100 * accuracy))
    torch.save(model.state_dict(), os.path.join(out, "r18.pth"))
    print("wrote %s; PyTorch's accuracy on the %d test images: %.2f%%" % (os.path.join(out, "r18.pth"), len(test),
                                                                          100 * accuracy))


if __name__ == "__main__":
    main()
