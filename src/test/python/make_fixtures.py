#!/usr/bin/python3
"""Reference fixtures for the architecture catalogue (dev.wfnet.model), made with plain PyTorch.

Run from the project root with Debian's PyTorch (python3-torch, torch 1.13, numpy):

    /usr/bin/python3 src/test/python/make_fixtures.py

It writes one small .safetensors file per architecture into src/test/resources/fixtures/ and
prints each model's trainable parameter count, plus the counts of the catalogue's default
configurations (which the Java tests pin). The output is deterministic (fixed seeds, CPU).

The networks here are written independently of the Java code, as ordinary torch nn.Modules in
the torchvision / timm style (the ViT block is torch's own nn.TransformerEncoderLayer, its
parameters renamed to timm's names), so a shared misunderstanding is less likely.

Each file holds
  - the state_dict (F32, torch names; num_batches_tracked dropped),
  - "__input": a random batch of 3 images,
  - "__logits_eval": the logits in eval mode,
  - for networks with batch norm, "__logits_train": the logits of one forward pass in training
    mode (batch statistics), and "__after_train.<bn>.running_mean/var": the running statistics
    after that pass (torch: running = 0.9 * running + 0.1 * batch, unbiased batch variance),
  - "__metadata__" (strings): "architecture" (catalogue id), "arguments" (JSON object of strings),
    "input_shape" ("CxHxW"), "classes", "torch" (version), "seed".

safetensors is written by hand (the package is not installed): an 8-byte little-endian header
length, a JSON header (dtype, shape, data_offsets per tensor, plus "__metadata__"), padded with
spaces to a multiple of 8, then the raw little-endian data. Every file stays under 300 KB.
"""
import json
import math
import os
import struct

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "fixtures")
BATCH = 3
CLASSES = 10
MAX_BYTES = 300 * 1024


# ---------------------------------------------------------------------------------------------
# safetensors, by hand
# ---------------------------------------------------------------------------------------------
def write_safetensors(path, tensors, metadata):
    header = {"__metadata__": {k: str(v) for k, v in metadata.items()}}
    blobs = []
    offset = 0
    for name, tensor in tensors.items():
        data = np.ascontiguousarray(tensor.detach().cpu().numpy().astype("<f4")).tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensor.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    raw = json.dumps(header, separators=(",", ":")).encode("utf-8")
    raw += b" " * ((8 - len(raw) % 8) % 8)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(raw)))
        f.write(raw)
        for blob in blobs:
            f.write(blob)
    os.replace(tmp, path)
    return os.path.getsize(path)


# ---------------------------------------------------------------------------------------------
# The architectures, in plain torch
# ---------------------------------------------------------------------------------------------
class SmallCnn(nn.Module):
    """The reference small CNN of docs/method.md: conv3x3 32 (pad 1) - ReLU - maxpool2 - conv3x3 64 - ReLU - maxpool2 - fc 128 - fc."""

    def __init__(self, channels, height, width, classes):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, 32, 3, padding=1)
        self.conv2 = nn.Conv2d(32, 64, 3, padding=1)
        self.fc1 = nn.Linear(64 * (height // 4) * (width // 4), 128)
        self.fc2 = nn.Linear(128, classes)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)
        return self.fc2(F.relu(self.fc1(x)))


class Mlp(nn.Module):
    """flatten - [fc_i - ReLU]* - fc_last, named fc1, fc2, ..."""

    def __init__(self, in_features, hidden, classes):
        super().__init__()
        sizes = [in_features] + list(hidden) + [classes]
        self.count = len(sizes) - 1
        for i in range(self.count):
            setattr(self, "fc%d" % (i + 1), nn.Linear(sizes[i], sizes[i + 1]))

    def forward(self, x):
        x = torch.flatten(x, 1)
        for i in range(self.count):
            x = getattr(self, "fc%d" % (i + 1))(x)
            if i < self.count - 1:
                x = F.relu(x)
        return x


class BasicBlock(nn.Module):
    """torchvision's BasicBlock, with a 1x1-conv + BN projection (option B) when the shape changes."""

    def __init__(self, inplanes, planes, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = None
        if stride != 1 or inplanes != planes:
            self.downsample = nn.Sequential(nn.Conv2d(inplanes, planes, 1, stride, bias=False), nn.BatchNorm2d(planes))

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + identity)


class CifarResNet(nn.Module):
    """CIFAR stem (3x3 conv stride 1, no max-pool), stages doubling width with stride 2, GAP, fc."""

    def __init__(self, channels, widths, blocks, classes):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, widths[0], 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(widths[0])
        self.relu = nn.ReLU(inplace=True)
        inplanes = widths[0]
        for i, (planes, count) in enumerate(zip(widths, blocks)):
            layer = []
            for j in range(count):
                layer.append(BasicBlock(inplanes, planes, 2 if (j == 0 and i > 0) else 1))
                inplanes = planes
            setattr(self, "layer%d" % (i + 1), nn.Sequential(*layer))
        self.stages = len(widths)
        self.fc = nn.Linear(widths[-1], classes)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")

    def forward(self, x):
        x = self.relu(self.bn1(self.conv1(x)))
        for i in range(self.stages):
            x = getattr(self, "layer%d" % (i + 1))(x)
        x = F.adaptive_avg_pool2d(x, 1).flatten(1)
        return self.fc(x)


def resnet20(channels, classes, depth=20, width=16):
    assert (depth - 2) % 6 == 0
    n = (depth - 2) // 6
    return CifarResNet(channels, [width, 2 * width, 4 * width], [n, n, n], classes)


def resnet18(channels, classes, width=64):
    return CifarResNet(channels, [width, 2 * width, 4 * width, 8 * width], [2, 2, 2, 2], classes)


class PatchEmbed(nn.Module):
    def __init__(self, channels, patch, dim):
        super().__init__()
        self.proj = nn.Conv2d(channels, dim, patch, patch)

    def forward(self, x):
        return self.proj(x).flatten(2).transpose(1, 2)


class VisionTransformer(nn.Module):
    """A timm-style ViT: pre-norm blocks, exact GELU, LayerNorm eps 1e-6, class-token head.

    The blocks are torch's nn.TransformerEncoderLayer (norm_first); state_dict() renames their
    parameters to timm's (self_attn.in_proj_* -> attn.qkv.*, linear1 -> mlp.fc1, ...)."""

    def __init__(self, channels, size, patch, dim, depth, heads, mlp_ratio, classes):
        super().__init__()
        tokens = (size // patch) ** 2
        self.patch_embed = PatchEmbed(channels, patch, dim)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, dim))
        self.pos_embed = nn.Parameter(torch.zeros(1, tokens + 1, dim))
        self.blocks = nn.ModuleList(
            nn.TransformerEncoderLayer(dim, heads, dim * mlp_ratio, dropout=0.0, activation="gelu",
                                       layer_norm_eps=1e-6, batch_first=True, norm_first=True)
            for _ in range(depth))
        self.norm = nn.LayerNorm(dim, eps=1e-6)
        self.head = nn.Linear(dim, classes)

    def forward(self, x):
        x = self.patch_embed(x)
        x = torch.cat([self.cls_token.expand(x.shape[0], -1, -1), x], dim=1) + self.pos_embed
        for block in self.blocks:
            x = block(x)
        return self.head(self.norm(x)[:, 0])

    RENAMES = [("self_attn.in_proj_weight", "attn.qkv.weight"), ("self_attn.in_proj_bias", "attn.qkv.bias"),
               ("self_attn.out_proj.", "attn.proj."), ("linear1.", "mlp.fc1."), ("linear2.", "mlp.fc2.")]

    def timm_state_dict(self):
        out = {}
        # timm's order: cls_token, pos_embed, patch_embed, blocks, norm, head
        for name, value in [("cls_token", self.cls_token), ("pos_embed", self.pos_embed)]:
            out[name] = value
        for name, value in self.state_dict().items():
            if name in out:
                continue
            for old, new in self.RENAMES:
                name = name.replace(old, new)
            out[name] = value
        return out


# ---------------------------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------------------------
def perturb(model):
    """Make norm layers, biases, embeddings and running statistics non-trivial, so a test notices
    if any of them is ignored or misplaced."""
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, (nn.BatchNorm2d, nn.LayerNorm)):
                module.weight.uniform_(0.5, 1.5)
                module.bias.normal_(0, 0.2)
            if isinstance(module, nn.BatchNorm2d):
                module.running_mean.normal_(0, 0.2)
                module.running_var.uniform_(0.5, 1.5)
        for name, param in model.named_parameters():
            if name.endswith("bias"):
                param.normal_(0, 0.1)
            if name in ("cls_token", "pos_embed"):
                param.normal_(0, 0.5)


def state_tensors(model):
    source = model.timm_state_dict() if hasattr(model, "timm_state_dict") else model.state_dict()
    return {k: v.detach().clone().float() for k, v in source.items() if not k.endswith("num_batches_tracked")}


def trainable_count(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def make(name, arch_id, arguments, shape, model, seed):
    torch.manual_seed(seed + 1)
    perturb(model)
    x = torch.randn(BATCH, *shape)
    tensors = state_tensors(model)
    has_bn = any(isinstance(m, nn.BatchNorm2d) for m in model.modules())
    with torch.no_grad():
        model.eval()
        tensors["__input"] = x
        tensors["__logits_eval"] = model(x)
        if has_bn:
            model.train()
            tensors["__logits_train"] = model(x)
            for key, value in model.state_dict().items():
                if key.endswith("running_mean") or key.endswith("running_var"):
                    tensors["__after_train." + key] = value.clone()
    metadata = {"architecture": arch_id, "arguments": json.dumps(arguments, sort_keys=True),
                "input_shape": "x".join(str(s) for s in shape), "classes": CLASSES,
                "torch": torch.__version__, "seed": seed}
    path = os.path.join(OUT, name + ".safetensors")
    size = write_safetensors(path, tensors, metadata)
    assert size < MAX_BYTES, "%s is %d bytes" % (path, size)
    print("%-28s %-9s %-40s %7d trainable parameters, %6d bytes" % (
        name + ".safetensors", arch_id, json.dumps(arguments, sort_keys=True) + " " + "x".join(map(str, shape)),
        trainable_count(model), size))


def main():
    torch.set_num_threads(1)
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(0)
    make("small-cnn", "small-cnn", {}, (1, 8, 8), SmallCnn(1, 8, 8, CLASSES), 0)
    torch.manual_seed(1)
    make("mlp", "mlp", {"hidden": "16,8"}, (1, 8, 8), Mlp(64, [16, 8], CLASSES), 1)
    torch.manual_seed(2)
    make("resnet20", "resnet20", {"depth": "8", "width": "8"}, (1, 12, 12), resnet20(1, CLASSES, 8, 8), 2)
    torch.manual_seed(3)
    make("resnet18", "resnet18", {"width": "4"}, (3, 16, 16), resnet18(3, CLASSES, 4), 3)
    torch.manual_seed(4)
    make("vit", "vit", {"patch": "4", "dim": "16", "depth": "2", "heads": "2", "mlp_ratio": "2"}, (1, 16, 16),
         VisionTransformer(1, 16, 4, 16, 2, 2, 2, CLASSES), 4)

    print("\nDefault configurations, trainable parameters (10 classes):")
    defaults = [
        ("small-cnn 1x28x28", SmallCnn(1, 28, 28, CLASSES)),
        ("mlp 1x28x28", Mlp(784, [256, 128], CLASSES)),
        ("resnet20 1x28x28", resnet20(1, CLASSES)),
        ("resnet20 3x32x32", resnet20(3, CLASSES)),
        ("resnet56 3x32x32", resnet20(3, CLASSES, depth=56)),
        ("resnet18 3x32x32", resnet18(3, CLASSES)),
        ("vit 1x28x28", VisionTransformer(1, 28, 4, 64, 4, 4, 2, CLASSES)),
        ("vit 3x32x32", VisionTransformer(3, 32, 4, 64, 4, 4, 2, CLASSES)),
    ]
    for label, model in defaults:
        print("  %-20s %10d" % (label, trainable_count(model)))


if __name__ == "__main__":
    main()
