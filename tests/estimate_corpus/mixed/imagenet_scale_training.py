"""ResNet-50 from scratch on the full ImageNet-style crawl (about 1.5 TB of JPEGs)."""
import torch
import torchvision
from torch.utils.data import DataLoader

transform = torchvision.transforms.Compose([torchvision.transforms.RandomResizedCrop(224), torchvision.transforms.ToTensor()])
dataset = torchvision.datasets.ImageFolder("/mnt/crawl/images", transform=transform)
loader = DataLoader(dataset, batch_size=256, num_workers=32, shuffle=True)
model = torchvision.models.resnet50().cuda()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
for images, labels in loader:
    loss = torch.nn.functional.cross_entropy(model(images.cuda()), labels.cuda())
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
