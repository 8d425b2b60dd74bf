import glob

import torch
import torch.nn as nn
import torchaudio

mel = torchaudio.transforms.MelSpectrogram(sample_rate=16000, n_mels=64)
files = sorted(glob.glob("speech_commands/**/*.wav", recursive=True))


class KeywordNet(nn.Module):
    def __init__(self, n_classes):
        super().__init__()
        self.conv = nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU())
        self.head = nn.Linear(64, n_classes)

    def forward(self, x):
        return self.head(self.conv(x).mean(dim=(2, 3)))


model = KeywordNet(35)
opt = torch.optim.Adam(model.parameters(), 1e-3)
for path in files:
    waveform, sr = torchaudio.load(path)
    logits = model(mel(waveform).unsqueeze(0))
    loss = logits.logsumexp(-1).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
