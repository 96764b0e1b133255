#!/usr/bin/python3
"""The paper's WF-Net untraining round in plain PyTorch: the reference the workbench's round is timed
against (README, "Performance"). Loads a workbench .safetensors model (small-cnn or mlp) and the
Fashion-MNIST IDX files, runs the paper's settings (B 128, T 2, Adam lr 1e-2 on the alphas, the
inverse forget loss, one forward per row) for --steps steps and prints the wall time.

Usage: /usr/bin/python3 src/test/python/wfnet_reference.py sample-models/small-cnn.safetensors \
           [--data /usr/share/datasets/fashion-mnist] [--steps 400] [--threads 2]
Needs Debian's python3-torch (and libopenblas0-pthread for a fast BLAS); no downloads.
"""
import argparse, gzip, json, struct, time
import numpy as np
import torch
import torch.nn.functional as F


def load_safetensors(path):
    with open(path, 'rb') as f:
        size = struct.unpack('<Q', f.read(8))[0]
        header = json.loads(f.read(size))
        data = f.read()
    meta = json.loads(header.pop('__metadata__', {}).get('wfnet', '{}'))
    tensors = {}
    for name, info in header.items():
        start, end = info['data_offsets']
        tensors[name] = torch.from_numpy(np.frombuffer(data[start:end], dtype=np.float32)
                                         .reshape(info['shape']).copy())
    return tensors, meta


def load_idx(path):
    with gzip.open(path, 'rb') as f:
        raw = f.read()
    dims = struct.unpack('>' + 'I' * raw[3], raw[4:4 + 4 * raw[3]])
    return np.frombuffer(raw[4 + 4 * raw[3]:], dtype=np.uint8).reshape(dims)


def forward(arch, w, x):
    if arch == 'small-cnn':
        x = F.max_pool2d(F.relu(F.conv2d(x, w['conv1.weight'], w['conv1.bias'], padding=1)), 2)
        x = F.max_pool2d(F.relu(F.conv2d(x, w['conv2.weight'], w['conv2.bias'], padding=1)), 2).flatten(1)
        x = F.relu(F.linear(x, w['fc1.weight'], w['fc1.bias']))
        return F.linear(x, w['fc2.weight'], w['fc2.bias'])
    x = x.flatten(1)
    layer = 1
    while f'fc{layer + 1}.weight' in w:
        x = F.relu(F.linear(x, w[f'fc{layer}.weight'], w[f'fc{layer}.bias']))
        layer += 1
    return F.linear(x, w[f'fc{layer}.weight'], w[f'fc{layer}.bias'])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('model')
    parser.add_argument('--data', default='/usr/share/datasets/fashion-mnist')
    parser.add_argument('--steps', type=int, default=400)
    parser.add_argument('--threads', type=int, default=2)
    parser.add_argument('--seed', type=int, default=0)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    rng = np.random.default_rng(args.seed)
    started = time.time()
    params, meta = load_safetensors(args.model)
    arch = meta['architecture']['id']
    mean, std = meta['input']['mean'][0], meta['input']['std'][0]
    images = torch.from_numpy((load_idx(f'{args.data}/train-images-idx3-ubyte.gz').astype(np.float32) / 255
                               - mean) / std).unsqueeze(1)
    labels = torch.from_numpy(load_idx(f'{args.data}/train-labels-idx1-ubyte.gz').astype(np.int64))
    classes = int(labels.max()) + 1
    filtered = [k for k in params if k.endswith('.weight') and params[k].dim() >= 2]
    alpha = {k: torch.ones((classes,) + tuple(params[k].shape), requires_grad=True) for k in filtered}
    alpha_count = sum(a.numel() for a in alpha.values())
    optimizer = torch.optim.Adam(alpha.values(), lr=1e-2)
    batch, copies, eps = 128, 2, 1e-6
    loaded = time.time()
    for _ in range(args.steps):
        half = batch // 2
        forget = rng.integers(0, len(labels), half)
        retain = np.tile(rng.integers(0, len(labels), half), copies)
        own = labels[retain].numpy()
        retain_rows = rng.integers(0, classes - 1, len(retain))
        retain_rows = retain_rows + (retain_rows >= own)
        forget_rows = labels[forget].numpy()
        optimizer.zero_grad()
        forget_sum = retain_sum = 0
        for row in range(classes):
            f = forget[forget_rows == row]
            r = retain[retain_rows == row]
            idx = torch.from_numpy(np.concatenate([f, r]).astype(np.int64))
            if len(idx) == 0:
                continue
            weights = dict(params)
            for k in filtered:
                weights[k] = params[k] * alpha[k][row]
            ce = F.cross_entropy(forward(arch, weights, images[idx]), labels[idx], reduction='none')
            forget_sum = forget_sum + (1 / (ce[:len(f)] + eps)).sum()
            retain_sum = retain_sum + ce[len(f):].sum()
        sparsity = sum((1 - a).sum() for a in alpha.values()) / alpha_count
        loss = retain_sum / len(retain) + forget_sum / half + sparsity
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            for a in alpha.values():
                a.clamp_(0, 1)
    done = time.time()
    print(f'{arch}: {args.steps} steps at B {batch}, T {copies}, {args.threads} threads: '
          f'{done - loaded:.1f} s of training ({1000 * (done - loaded) / args.steps:.0f} ms per step), '
          f'{done - started:.1f} s in all', flush=True)


if __name__ == '__main__':
    main()
