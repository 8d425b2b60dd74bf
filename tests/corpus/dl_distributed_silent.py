"""The same PyTorch loop, launched on the executors by TorchDistributor (no findings expected)."""
from pyspark.ml.torch.distributor import TorchDistributor


def train(learning_rate):
    import torch
    import torch.distributed as dist
    from torch import nn
    from torch.nn.parallel import DistributedDataParallel

    dist.init_process_group("gloo")
    model = DistributedDataParallel(nn.Linear(10, 1))
    optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate)
    for _ in range(100):
        optimizer.zero_grad()
        loss = model(torch.randn(32, 10)).pow(2).mean()
        loss.backward()
        optimizer.step()
    return loss.item()


result = TorchDistributor(num_processes=2, local_mode=False, use_gpu=False).run(train, 1e-3)
