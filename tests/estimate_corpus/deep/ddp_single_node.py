"""Launched with: torchrun --standalone --nproc_per_node=4 ddp_single_node.py"""
import os

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader, DistributedSampler
from torchvision import datasets, models, transforms

dist.init_process_group("nccl")
rank = int(os.environ["LOCAL_RANK"])
torch.cuda.set_device(rank)

dataset = datasets.CIFAR100("data/cifar", train=True, download=True, transform=transforms.ToTensor())
loader = DataLoader(dataset, batch_size=256, sampler=DistributedSampler(dataset), num_workers=4)
model = DDP(models.resnet18(num_classes=100).cuda(rank), device_ids=[rank])
optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)

for epoch in range(30):
    loader.sampler.set_epoch(epoch)
    for x, y in loader:
        loss = torch.nn.functional.cross_entropy(model(x.cuda(rank)), y.cuda(rank))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
dist.destroy_process_group()
