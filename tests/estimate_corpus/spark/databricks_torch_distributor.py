# Databricks notebook source
# MAGIC %md Distributed fine-tuning of a ViT on the product photo catalogue with TorchDistributor.

# COMMAND ----------

from pyspark.ml.torch.distributor import TorchDistributor

# COMMAND ----------


def train(epochs: int) -> str:
    import torch
    import torch.distributed as dist
    from torch.nn.parallel import DistributedDataParallel as DDP
    from torch.utils.data import DataLoader, DistributedSampler
    from torchvision import datasets, models, transforms

    dist.init_process_group("nccl")
    local_rank = int(__import__("os").environ["LOCAL_RANK"])
    data = datasets.ImageFolder("/dbfs/catalogue/photos/train", transform=transforms.ToTensor())
    loader = DataLoader(data, batch_size=64, sampler=DistributedSampler(data))
    model = DDP(models.vit_b_16(num_classes=len(data.classes)).cuda(local_rank), device_ids=[local_rank])
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
    for _ in range(epochs):
        for x, y in loader:
            loss = torch.nn.functional.cross_entropy(model(x.cuda(local_rank)), y.cuda(local_rank))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return "done"


# COMMAND ----------

TorchDistributor(num_processes=16, local_mode=False, use_gpu=True).run(train, 5)
