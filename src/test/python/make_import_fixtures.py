#!/usr/bin/python3
"""Fixtures for the model import (dev.wfnet.imports), made with plain PyTorch and torchvision.

Run from the project root with Debian's PyTorch (python3-torch 1.13, python3-torchvision 0.14):

    /usr/bin/python3 src/test/python/make_import_fixtures.py

It writes small models as people save them, in every format the import reads, into
src/test/resources/imports/ (under 3 MB in all), each with 4 probe inputs and the outputs PyTorch
gives on them (eval mode) as .npy files:

  tv-resnet18      torchvision's ResNet-18 layout (its own BasicBlock and _make_layer), ImageNet stem,
                   width 4, 10 classes, 3x32x32: state_dict zip, TorchScript (traced) and safetensors
                   in F16 (weights rounded to half before the reference is computed)
  tv-resnet34      torchvision ResNet-34 layout, width 2, 3x16x16: zip
  tv-resnet50      torchvision ResNet-50 layout (Bottleneck), width 2, 3x16x16: zip and TorchScript
                   (scripted)
  kuangliu-resnet18  kuangliu/pytorch-cifar's ResNet18 names (shortcut, linear), width 4, saved as
                   {'net': DataParallel state_dict, 'acc': ..., 'epoch': ...}: zip; also BF16 safetensors
  akamaster-resnet20 akamaster/pytorch_resnet_cifar10's resnet20 (option A shortcuts), width 4, saved
                   as its releases are ({'state_dict': DataParallel state_dict, 'best_prec1': ...}) in
                   the legacy format
  mnist-net        pytorch/examples' MNIST Net (conv, conv, max-pool, dropout, fc, fc, log_softmax) at
                   reduced width: zip, legacy, TorchScript (scripted) and safetensors
  lenet-tanh       a LeNet-5 nn.Sequential on 32x32 inputs with Tanh and average pooling: zip, legacy
  seq-bn-cnn       nn.Sequential with padding, BatchNorm2d, ReLU, Sigmoid, max and average pooling,
                   Dropout and a final Softmax, 3x32x32: zip and TorchScript (traced)
  mlp              nn.Sequential(Flatten, Linear, ReLU, Linear) on 1x28x28, saved as a training
                   checkpoint {'epoch', 'model_state_dict', 'optimizer_state_dict' (Adam, with tensors)}
  timm-vit         a timm-layout Vision Transformer (patch 4, dim 32, depth 2, 2 heads, mlp ratio 4) on
                   3x16x16, as safetensors
  whole-model.pth  torch.save(model) of mnist-net: a whole pickled module, which must be refused
  views            tensors that are views of one storage (transposed, sliced rows, a column), zip and
                   legacy, with their values as .npy

lenet-tanh is also saved with pickle protocols 4 (zip) and 5 (legacy) and with float64 storages.

and, for `wfnet predict`, three 32x32 PNG images with tv-resnet18's probabilities on them computed
through PIL and torchvision's ToTensor + Normalize(ImageNet) (predict-probabilities.npy).

Every file name and what it should import as is listed in fixtures.json, which the tests read.
The output is deterministic (fixed seeds, CPU, one thread), except that legacy-format files name
their storages by memory address, so those keys (not the weights) change from run to run.
"""
import json
import os
import struct
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision
from torchvision.models.resnet import BasicBlock, Bottleneck

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_fixtures import VisionTransformer, perturb as perturb_weights  # noqa: E402  (written once, there)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "imports")
PROBES = 4
MAX_TOTAL = 3 * 1024 * 1024
FIXTURES = []


# ---------------------------------------------------------------------------------------------
# safetensors, by hand (the package is not installed)
# ---------------------------------------------------------------------------------------------
def write_safetensors(path, tensors, dtype="F32"):
    np_types = {"F32": "<f4", "F16": "<f2"}
    header = {"__metadata__": {"format": "pt"}}
    blobs, offset = [], 0
    for name, tensor in tensors.items():
        t = tensor.detach().cpu().contiguous()
        if dtype == "BF16":
            bits = t.float().numpy().view(np.uint32)
            data = (bits >> 16).astype("<u2").tobytes()  # exact: the weights were rounded to bf16 first
        else:
            data = np.ascontiguousarray(t.float().numpy().astype(np_types[dtype])).tobytes()
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    raw = json.dumps(header, separators=(",", ":")).encode("utf-8")
    raw += b" " * ((8 - len(raw) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)))
        f.write(raw)
        for blob in blobs:
            f.write(blob)


# ---------------------------------------------------------------------------------------------
# The models, as their codebases write them
# ---------------------------------------------------------------------------------------------
class TorchvisionResNet(torchvision.models.ResNet):
    """torchvision's ResNet with its own blocks and _make_layer, at a reduced width (torchvision fixes 64)."""

    def __init__(self, block, layers, width, num_classes):
        nn.Module.__init__(self)
        self._norm_layer = nn.BatchNorm2d
        self.inplanes = width
        self.dilation = 1
        self.groups = 1
        self.base_width = 64
        self.conv1 = nn.Conv2d(3, width, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        self.layer1 = self._make_layer(block, width, layers[0])
        self.layer2 = self._make_layer(block, 2 * width, layers[1], stride=2)
        self.layer3 = self._make_layer(block, 4 * width, layers[2], stride=2)
        self.layer4 = self._make_layer(block, 8 * width, layers[3], stride=2)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(8 * width * block.expansion, num_classes)


class KuangliuBlock(nn.Module):
    expansion = 1

    def __init__(self, in_planes, planes, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_planes, planes, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, kernel_size=3, stride=1, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.shortcut = nn.Sequential()
        if stride != 1 or in_planes != planes:
            self.shortcut = nn.Sequential(nn.Conv2d(in_planes, planes, kernel_size=1, stride=stride, bias=False),
                                          nn.BatchNorm2d(planes))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return F.relu(out + self.shortcut(x))


class KuangliuResNet18(nn.Module):
    """kuangliu/pytorch-cifar models/resnet.py, width as an argument."""

    def __init__(self, width=64, num_classes=10):
        super().__init__()
        self.in_planes = width
        self.conv1 = nn.Conv2d(3, width, kernel_size=3, stride=1, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.layer1 = self._make_layer(width, 2, 1)
        self.layer2 = self._make_layer(2 * width, 2, 2)
        self.layer3 = self._make_layer(4 * width, 2, 2)
        self.layer4 = self._make_layer(8 * width, 2, 2)
        self.linear = nn.Linear(8 * width, num_classes)

    def _make_layer(self, planes, num_blocks, stride):
        layers = []
        for s in [stride] + [1] * (num_blocks - 1):
            layers.append(KuangliuBlock(self.in_planes, planes, s))
            self.in_planes = planes
        return nn.Sequential(*layers)

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.layer4(self.layer3(self.layer2(self.layer1(out))))
        out = F.avg_pool2d(out, 4)
        return self.linear(out.view(out.size(0), -1))


class LambdaLayer(nn.Module):
    def __init__(self, lambd):
        super().__init__()
        self.lambd = lambd

    def forward(self, x):
        return self.lambd(x)


class AkamasterBlock(nn.Module):
    """akamaster/pytorch_resnet_cifar10 resnet.py BasicBlock with option A."""
    expansion = 1

    def __init__(self, in_planes, planes, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_planes, planes, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, kernel_size=3, stride=1, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.shortcut = nn.Sequential()
        if stride != 1 or in_planes != planes:
            self.shortcut = LambdaLayer(lambda x: F.pad(x[:, :, ::2, ::2], (0, 0, 0, 0, planes // 4, planes // 4),
                                                        "constant", 0))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return F.relu(out + self.shortcut(x))


class AkamasterResNet(nn.Module):
    def __init__(self, num_blocks, width=16, num_classes=10):
        super().__init__()
        self.in_planes = width
        self.conv1 = nn.Conv2d(3, width, kernel_size=3, stride=1, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.layer1 = self._make_layer(width, num_blocks[0], 1)
        self.layer2 = self._make_layer(2 * width, num_blocks[1], 2)
        self.layer3 = self._make_layer(4 * width, num_blocks[2], 2)
        self.linear = nn.Linear(4 * width, num_classes)

    def _make_layer(self, planes, num_blocks, stride):
        layers = []
        for s in [stride] + [1] * (num_blocks - 1):
            layers.append(AkamasterBlock(self.in_planes, planes, s))
            self.in_planes = planes
        return nn.Sequential(*layers)

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.layer3(self.layer2(self.layer1(out)))
        out = F.avg_pool2d(out, out.size()[3])
        return self.linear(out.view(out.size(0), -1))


class MnistNet(nn.Module):
    """pytorch/examples mnist/main.py Net, widths 32/64/128 reduced to 4/8/16."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 4, 3, 1)
        self.conv2 = nn.Conv2d(4, 8, 3, 1)
        self.dropout1 = nn.Dropout(0.25)
        self.dropout2 = nn.Dropout(0.5)
        self.fc1 = nn.Linear(1152, 16)
        self.fc2 = nn.Linear(16, 10)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = F.max_pool2d(x, 2)
        x = self.dropout1(x)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = self.dropout2(x)
        return F.log_softmax(self.fc2(x), dim=1)


MNIST_NET_LAYERS = ("Conv2d(1, 4, 3), ReLU(), Conv2d(4, 8, 3), ReLU(), MaxPool2d(2), Dropout(0.25), Flatten(),"
                    " Linear(1152, 16), ReLU(), Dropout(0.5), Linear(16, 10), LogSoftmax(dim=1)")


def lenet_tanh():
    return nn.Sequential(nn.Conv2d(1, 3, 5), nn.Tanh(), nn.AvgPool2d(2), nn.Conv2d(3, 6, 5), nn.Tanh(),
                         nn.AvgPool2d(2), nn.Flatten(), nn.Linear(150, 24), nn.Tanh(), nn.Linear(24, 16), nn.Tanh(),
                         nn.Linear(16, 10))


LENET_LAYERS = ("Conv2d(1, 3, 5), Tanh(), AvgPool2d(2), Conv2d(3, 6, 5), Tanh(), AvgPool2d(2), Flatten(),"
                " Linear(150, 24), Tanh(), Linear(24, 16), Tanh(), Linear(16, 10)")


def seq_bn_cnn():
    return nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(8, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8), nn.Sigmoid(), nn.AvgPool2d(2),
                         nn.Flatten(), nn.Dropout(0.3), nn.Linear(512, 10), nn.Softmax(dim=1))


SEQ_BN_LAYERS = """
# print(model) of the nn.Sequential, pasted
Sequential(
  (0): Conv2d(3, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
  (1): BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
  (2): ReLU()
  (3): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
  (4): Conv2d(8, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
  (5): BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
  (6): Sigmoid()
  (7): AvgPool2d(kernel_size=2, stride=2, padding=0)
  (8): Flatten(start_dim=1, end_dim=-1)
  (9): Dropout(p=0.3, inplace=False)
  (10): Linear(in_features=512, out_features=10, bias=True)
  (11): Softmax(dim=1)
)
"""


def mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 16), nn.ReLU(), nn.Linear(16, 10))


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------
def perturb(model):
    """Non-trivial norm statistics, biases and embeddings (make_fixtures' perturb), and batch counters
    that a state_dict carries after training."""
    perturb_weights(model)
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, nn.BatchNorm2d):
                module.num_batches_tracked.fill_(7)


def state_dict(model):
    return model.timm_state_dict() if hasattr(model, "timm_state_dict") else model.state_dict()


def save_references(name, model, shape, seed):
    torch.manual_seed(seed + 1000)
    x = torch.randn(PROBES, *shape)
    model.eval()
    with torch.no_grad():
        y = model(x)
    np.save(os.path.join(OUT, name + ".inputs.npy"), x.numpy().astype("<f4"))
    np.save(os.path.join(OUT, name + ".outputs.npy"), y.numpy().astype("<f4"))
    return x


def fixture(name, model, shape, files, expect, seed):
    """files: list of (file name, how it is written). expect: what the import should produce."""
    FIXTURES.append({"name": name, "input": "x".join(map(str, shape)), "files": [f for f, _ in files], **expect})
    for file_name, writer in files:
        writer(os.path.join(OUT, file_name))
    save_references(name, model, shape, seed)


def make_all():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))

    # torchvision ResNet-18, ImageNet stem, width 4
    torch.manual_seed(1)
    r18 = TorchvisionResNet(BasicBlock, [2, 2, 2, 2], 4, 10)
    perturb(r18)
    r18.eval()
    shape = (3, 32, 32)
    sd = r18.state_dict()
    traced = torch.jit.trace(r18, torch.randn(1, *shape))
    fixture("tv-resnet18", r18, shape, [
        ("tv-resnet18.pth", lambda p: torch.save(sd, p)),
        ("tv-resnet18-script.pt", lambda p: traced.save(p)),
    ], {"arch": "resnet18", "args": {"stem": "imagenet"}, "expect": {"stem": "imagenet", "width": "4"}}, 1)
    # the same weights rounded to half precision, as an F16 safetensors file with its own references
    r18h = TorchvisionResNet(BasicBlock, [2, 2, 2, 2], 4, 10)
    r18h.load_state_dict(sd)
    with torch.no_grad():
        for t in r18h.state_dict().values():
            if t.is_floating_point():
                t.copy_(t.half().float())
    fixture("tv-resnet18-f16", r18h.eval(), shape, [
        ("tv-resnet18-f16.safetensors", lambda p: write_safetensors(
            p, {k: v for k, v in r18h.state_dict().items() if not k.endswith("num_batches_tracked")}, "F16")),
    ], {"arch": "resnet18", "args": {"stem": "imagenet"}, "expect": {"stem": "imagenet", "width": "4"}}, 1)

    torch.manual_seed(2)
    r34 = TorchvisionResNet(BasicBlock, [3, 4, 6, 3], 2, 10)
    perturb(r34)
    small = (3, 16, 16)
    fixture("tv-resnet34", r34.eval(), small, [("tv-resnet34.pth", lambda p: torch.save(r34.state_dict(), p))],
            {"arch": "resnet34", "args": {}, "expect": {"stem": "imagenet", "width": "2"}}, 2)

    torch.manual_seed(3)
    r50 = TorchvisionResNet(Bottleneck, [3, 4, 6, 3], 2, 10)
    perturb(r50)
    r50.eval()
    scripted50 = torch.jit.script(r50)
    fixture("tv-resnet50", r50, small, [
        ("tv-resnet50.pth", lambda p: torch.save(r50.state_dict(), p)),
        ("tv-resnet50-script.pt", lambda p: scripted50.save(p)),
    ], {"arch": "resnet50", "args": {}, "expect": {"stem": "imagenet", "width": "2"}}, 3)

    torch.manual_seed(4)
    kl = KuangliuResNet18(width=4)
    perturb(kl)
    kl.eval()
    wrapped = {"module." + k: v for k, v in kl.state_dict().items()}
    fixture("kuangliu-resnet18", kl, shape, [
        ("kuangliu-resnet18-ckpt.pth", lambda p: torch.save({"net": wrapped, "acc": 91.25, "epoch": 180}, p)),
    ], {"arch": "resnet18", "args": {}, "expect": {"width": "4"}}, 4)
    klb = KuangliuResNet18(width=4)
    klb.load_state_dict(kl.state_dict())
    with torch.no_grad():
        for t in klb.state_dict().values():
            if t.is_floating_point():
                t.copy_(t.bfloat16().float())
    fixture("kuangliu-resnet18-bf16", klb.eval(), shape, [
        ("kuangliu-resnet18-bf16.safetensors", lambda p: write_safetensors(
            p, {k: v for k, v in klb.state_dict().items() if not k.endswith("num_batches_tracked")}, "BF16")),
    ], {"arch": "resnet18", "args": {}, "expect": {"width": "4"}}, 4)

    torch.manual_seed(5)
    ak = AkamasterResNet([3, 3, 3], width=4)
    perturb(ak)
    ak.eval()
    release = {"state_dict": {"module." + k: v for k, v in ak.state_dict().items()}, "best_prec1": 91.73}
    fixture("akamaster-resnet20", ak, shape, [
        ("akamaster-resnet20.th", lambda p: torch.save(release, p, _use_new_zipfile_serialization=False)),
    ], {"arch": "resnet20", "args": {}, "expect": {"shortcut": "A", "depth": "20", "width": "4"}}, 5)

    torch.manual_seed(6)
    net = MnistNet()
    perturb(net)
    net.eval()
    scripted = torch.jit.script(net)
    fixture("mnist-net", net, (1, 28, 28), [
        ("mnist-net.pt", lambda p: torch.save(net.state_dict(), p)),
        ("mnist-net-legacy.pt", lambda p: torch.save(net.state_dict(), p, _use_new_zipfile_serialization=False)),
        ("mnist-net-script.pt", lambda p: scripted.save(p)),
        ("mnist-net.safetensors", lambda p: write_safetensors(p, net.state_dict())),
    ], {"arch": "sequential", "args": {"layers": MNIST_NET_LAYERS}, "expect": {}}, 6)
    torch.save(net, os.path.join(OUT, "whole-model.pth"))

    torch.manual_seed(7)
    lenet = lenet_tanh()
    perturb(lenet)
    fixture("lenet-tanh", lenet.eval(), (1, 32, 32), [
        ("lenet-tanh.pth", lambda p: torch.save(lenet.state_dict(), p)),
        ("lenet-tanh-legacy.pth", lambda p: torch.save(lenet.state_dict(), p, _use_new_zipfile_serialization=False)),
        # pickle protocols 4 and 5 (FRAME, SHORT_BINUNICODE, MEMOIZE) and float64 storages
        ("lenet-tanh-p4.pth", lambda p: torch.save(lenet.state_dict(), p, pickle_protocol=4)),
        ("lenet-tanh-legacy-p5.pth", lambda p: torch.save(lenet.state_dict(), p, pickle_protocol=5,
                                                           _use_new_zipfile_serialization=False)),
        ("lenet-tanh-f64-legacy.pth", lambda p: torch.save({k: v.double() for k, v in lenet.state_dict().items()}, p,
                                                            _use_new_zipfile_serialization=False)),
    ], {"arch": "sequential", "args": {"layers": LENET_LAYERS}, "expect": {}}, 7)
    make_views()

    torch.manual_seed(8)
    seq = seq_bn_cnn()
    perturb(seq)
    seq.eval()
    traced_seq = torch.jit.trace(seq, torch.randn(1, 3, 32, 32))
    fixture("seq-bn-cnn", seq, (3, 32, 32), [
        ("seq-bn-cnn.pth", lambda p: torch.save(seq.state_dict(), p)),
        ("seq-bn-cnn-script.pt", lambda p: traced_seq.save(p)),
    ], {"arch": "sequential", "args": {"layers": SEQ_BN_LAYERS}, "expect": {}}, 8)

    torch.manual_seed(9)
    m = mlp()
    perturb(m)
    optimizer = torch.optim.Adam(m.parameters(), lr=1e-3)
    m(torch.randn(2, 1, 28, 28)).sum().backward()
    optimizer.step()
    checkpoint = {"epoch": 3, "model_state_dict": m.state_dict(), "optimizer_state_dict": optimizer.state_dict(),
                  "loss": 0.25}
    fixture("mlp", m.eval(), (1, 28, 28), [("mlp-checkpoint.pt", lambda p: torch.save(checkpoint, p))],
            {"arch": "sequential", "args": {"layers": "Flatten(), Linear(784, 16), ReLU(), Linear(16, 10)"},
             "expect": {}}, 9)

    torch.manual_seed(10)
    vit = VisionTransformer(3, 16, 4, 32, 2, 2, 4, 10)
    perturb(vit)
    fixture("timm-vit", vit.eval(), (3, 16, 16), [
        ("timm-vit.safetensors", lambda p: write_safetensors(p, state_dict(vit))),
    ], {"arch": "vit", "args": {"heads": "2"}, "expect": {"patch": "4", "dim": "32", "depth": "2",
                                                          "mlp_ratio": "4"}}, 10)

    make_predict_images(r18)
    with open(os.path.join(OUT, "fixtures.json"), "w") as f:
        json.dump({"torch": torch.__version__, "torchvision": torchvision.__version__, "fixtures": FIXTURES,
                   "refused": {"whole-model.pth": "__main__.MnistNet"}}, f,
                  indent=1, sort_keys=True)
        f.write("\n")


def make_views():
    """Tensors that are views of a larger storage (transposed, sliced): the reader must follow offsets and strides."""
    torch.manual_seed(12)
    base = torch.randn(6, 5)
    views = {"transposed": base.t()[1:4], "rows": base[2:4], "column": base[:, 3]}
    torch.save(views, os.path.join(OUT, "views.pt"))
    torch.save(views, os.path.join(OUT, "views-legacy.pt"), _use_new_zipfile_serialization=False)
    for name, tensor in views.items():
        np.save(os.path.join(OUT, "views.%s.npy" % name), tensor.contiguous().numpy().astype("<f4"))


def make_predict_images(model):
    """Three 32x32 RGB PNGs and the model's probabilities on them through PIL and torchvision's transforms."""
    from PIL import Image
    from torchvision import transforms
    rng = np.random.RandomState(11)
    names = []
    for i in range(3):
        yy, xx = np.mgrid[0:32, 0:32]
        image = np.stack([(xx * 8 + 40 * i) % 256, (yy * 8) % 256, rng.randint(0, 256, (32, 32))], axis=2)
        name = "predict-%d.png" % i
        Image.fromarray(image.astype(np.uint8), "RGB").save(os.path.join(OUT, name))
        names.append(name)
    prepare = transforms.Compose([transforms.ToTensor(),
                                  transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
    batch = torch.stack([prepare(Image.open(os.path.join(OUT, n)).convert("RGB")) for n in names])
    model.eval()
    with torch.no_grad():
        probabilities = F.softmax(model(batch), dim=1)
    np.save(os.path.join(OUT, "predict-probabilities.npy"), probabilities.numpy().astype("<f4"))


def main():
    torch.set_num_threads(1)
    make_all()
    total = 0
    for f in sorted(os.listdir(OUT)):
        size = os.path.getsize(os.path.join(OUT, f))
        total += size
        print("%-40s %8d bytes" % (f, size))
    print("%-40s %8d bytes" % ("total", total))
    assert total < MAX_TOTAL, "fixtures take %d bytes, more than %d" % (total, MAX_TOTAL)


if __name__ == "__main__":
    main()
