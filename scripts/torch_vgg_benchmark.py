#!/usr/bin/env python3
"""The benchmark's PyTorch VGG (reference/benchmark.md: notebooks/PyTorch_CNN.ipynb) on the CIFAR-10
binary batches, for comparing Rosetta's cuda backend with PyTorch on the same GPU, model, batch and data.

    python3 scripts/torch_vgg_benchmark.py --data DIR_WITH_data_batch_1.bin [--epochs 10] [--json OUT.json]

As the notebook: x/255, NCHW, SGD(lr 0.01, momentum 0.9), batch 64, a fresh shuffle per epoch, the last
partial batch dropped, torch.backends.cudnn.benchmark = True, each batch copied to the GPU in the loop;
test accuracy on the first 9,984 test images. The training loop alone is timed.
"""
import argparse
import json
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def load(path):
    raw = np.fromfile(path, dtype=np.uint8).reshape(-1, 3073)
    return raw[:, 1:].reshape(-1, 3, 32, 32).astype(np.float32) / 255.0, raw[:, 0].astype(np.int64)


class SymbolModule(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 50, kernel_size=3, padding=1)
        self.conv2 = nn.Conv2d(50, 50, kernel_size=3, padding=1)
        self.conv3 = nn.Conv2d(50, 100, kernel_size=3, padding=1)
        self.conv4 = nn.Conv2d(100, 100, kernel_size=3, padding=1)
        self.fc1 = nn.Linear(8 * 8 * 100, 512)
        self.fc2 = nn.Linear(512, 10)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = F.relu(F.max_pool2d(self.conv2(x), kernel_size=2, stride=2))
        x = F.dropout(x, 0.25, training=self.training)
        x = F.relu(self.conv3(x))
        x = F.relu(F.max_pool2d(self.conv4(x), kernel_size=2, stride=2))
        x = F.dropout(x, 0.25, training=self.training)
        x = x.view(-1, 8 * 8 * 100)
        x = F.dropout(F.relu(self.fc1(x)), 0.5, training=self.training)
        return self.fc2(x)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--json")
    args = parser.parse_args()

    parts = [load(os.path.join(args.data, "data_batch_%d.bin" % i)) for i in range(1, 6)]
    x_train = np.concatenate([p[0] for p in parts])
    y_train = np.concatenate([p[1] for p in parts])
    x_test, y_test = load(os.path.join(args.data, "test_batch.bin"))

    torch.backends.cudnn.benchmark = True
    model = SymbolModule().cuda()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    criterion = nn.CrossEntropyLoss()
    batches = len(x_train) // args.batch

    torch.cuda.synchronize()
    start = time.perf_counter()
    model.train()
    for epoch in range(args.epochs):
        order = np.random.permutation(len(x_train))
        for b in range(batches):
            idx = order[b * args.batch:(b + 1) * args.batch]
            data = torch.from_numpy(x_train[idx]).cuda(non_blocking=True)
            target = torch.from_numpy(y_train[idx]).cuda(non_blocking=True)
            optimizer.zero_grad()
            loss = criterion(model(data), target)
            loss.backward()
            optimizer.step()
    torch.cuda.synchronize()
    seconds = time.perf_counter() - start

    model.eval()
    n = (len(x_test) // args.batch) * args.batch
    correct = 0
    with torch.no_grad():
        for b in range(0, n, args.batch):
            out = model(torch.from_numpy(x_test[b:b + args.batch]).cuda())
            correct += (out.argmax(1).cpu().numpy() == y_test[b:b + args.batch]).sum()
    result = {
        "framework": "pytorch " + torch.__version__,
        "cuda": torch.version.cuda,
        "cudnn": torch.backends.cudnn.version(),
        "device": torch.cuda.get_device_name(0),
        "epochs": args.epochs,
        "training_seconds": seconds,
        "accuracy": correct / n,
        "test_images": n,
    }
    print(json.dumps(result))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
