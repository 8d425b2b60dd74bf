"""Image classifier trained with a plain PyTorch loop on one machine."""
import torch
from torch import nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

data = datasets.ImageFolder("data/images", transform=transforms.ToTensor())
loader = DataLoader(data, batch_size=64, shuffle=True, num_workers=4)
model = nn.Sequential(nn.Flatten(), nn.Linear(3 * 64 * 64, 256), nn.ReLU(), nn.Linear(256, 10)).cuda()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = nn.CrossEntropyLoss()
for epoch in range(20):  # expect: SPL901
    for images, labels in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(images.cuda()), labels.cuda())
        loss.backward()
        optimizer.step()
