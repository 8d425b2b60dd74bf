"""Transcribe call-centre recordings with a speech model on one GPU."""
import glob

import torch
from transformers import pipeline

asr = pipeline("automatic-speech-recognition", model="openai/whisper-small", device=0)
for path in sorted(glob.glob("recordings/*.wav")):
    text = asr(path)["text"]
    print(path, len(text))
print(torch.cuda.is_available())
