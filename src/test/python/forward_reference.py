#!/usr/bin/python3
"""Plain PyTorch's forward pass of a workbench model over the first N test images: the reference the
Forget live toggles are timed against (README, "Toggle latency"). ToggleLatencyBenchmark runs it in the
same session, after its own measurements, and prints the ratios.

Usage: /usr/bin/python3 src/test/python/forward_reference.py sample-models/small-cnn.safetensors \
           [--data /usr/share/datasets/fashion-mnist] [--images 2000] [--threads 2] [--batches 250,2000]
Prints one line per batch size (best of --rounds, inference mode, default NCHW layout) and a last line
"best N images: X ms". Needs Debian's python3-torch; no downloads.
"""
import argparse, time
import numpy as np
import torch
from wfnet_reference import forward, load_idx, load_safetensors


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('model')
    parser.add_argument('--data', default='/usr/share/datasets/fashion-mnist')
    parser.add_argument('--images', type=int, default=2000)
    parser.add_argument('--threads', type=int, default=2)
    parser.add_argument('--batches', default='250,2000')
    parser.add_argument('--rounds', type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    params, meta = load_safetensors(args.model)
    arch = meta['architecture']['id']
    mean, std = meta['input']['mean'][0], meta['input']['std'][0]
    pixels = load_idx(f'{args.data}/t10k-images-idx3-ubyte.gz')[:args.images]
    images = torch.from_numpy((pixels.astype(np.float32) / 255 - mean) / std).unsqueeze(1)
    best_of_all = None
    with torch.inference_mode():
        forward(arch, params, images[:10])
        for batch in [int(b) for b in args.batches.split(',')]:
            best = None
            for _ in range(args.rounds):
                start = time.perf_counter()
                for i in range(0, len(images), batch):
                    forward(arch, params, images[i:i + batch]).argmax(1)
                took = time.perf_counter() - start
                best = took if best is None else min(best, took)
            print(f'plain PyTorch {torch.__version__}, {arch}, {len(images)} images, batch {batch}, '
                  f'{args.threads} threads: {1000 * best:.0f} ms (best of {args.rounds})', flush=True)
            best_of_all = best if best_of_all is None else min(best_of_all, best)
    print(f'best {len(images)} images: {1000 * best_of_all:.0f} ms', flush=True)


if __name__ == '__main__':
    main()
