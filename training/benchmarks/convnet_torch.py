#!/usr/bin/env python3
"""The ConvNet encoder's peer in PyTorch: the quality anchor's CNN (../shared/anchors/fixmatch-torch, the same layers
as our ConvNet), trained and run on random 32x32 inputs, batch 64, 2 threads, SGD; prints one line per width.

Usage: convnet_torch.py [--steps 30]   (Debian's python3-torch)
"""
import argparse, time
import torch, torch.nn as nn, torch.nn.functional as F

ap = argparse.ArgumentParser()
ap.add_argument("--steps", type=int, default=30)
a = ap.parse_args()
torch.set_num_threads(2)

def block(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.LeakyReLU(0.1),
                         nn.Conv2d(cout, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.LeakyReLU(0.1))

for alpha in (1.0, 0.5):
    w = int(32 * alpha)
    net = nn.Sequential(block(3, w), nn.MaxPool2d(2), block(w, 2 * w), nn.MaxPool2d(2), block(2 * w, 4 * w),
                        nn.MaxPool2d(2), block(4 * w, 8 * w), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8 * w, 10))
    opt = torch.optim.SGD(net.parameters(), lr=0.03, momentum=0.9, nesterov=True, weight_decay=5e-4)
    x = torch.randn(64, 3, 32, 32); y = torch.randint(0, 10, (64,))
    def step():
        loss = F.cross_entropy(net(x), y); opt.zero_grad(); loss.backward(); opt.step()
    for _ in range(3):
        step()
    start = time.time()
    for _ in range(a.steps):
        step()
    train = a.steps * 64 / (time.time() - start)
    net.eval()
    with torch.no_grad():
        net(x); start = time.time()
        for _ in range(a.steps):
            net(x)
        infer = a.steps * 64 / (time.time() - start)
    print(f"ConvNet alpha={alpha} res=32 batch=64: train {train:.1f} img/s, infer {infer:.1f} img/s", flush=True)
