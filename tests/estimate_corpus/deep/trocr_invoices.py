import torch
from PIL import Image
from transformers import TrOCRProcessor, VisionEncoderDecoderModel

processor = TrOCRProcessor.from_pretrained("microsoft/trocr-base-printed")
model = VisionEncoderDecoderModel.from_pretrained("microsoft/trocr-base-printed").to("cuda")
model.config.decoder_start_token_id = processor.tokenizer.cls_token_id
model.config.pad_token_id = processor.tokenizer.pad_token_id
optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5)

with open("invoice_lines/labels.tsv") as labels:
    for row in labels:
        name, text = row.rstrip("\n").split("\t")
        pixel_values = processor(Image.open(f"invoice_lines/{name}").convert("RGB"), return_tensors="pt").pixel_values
        target = processor.tokenizer(text, return_tensors="pt").input_ids
        loss = model(pixel_values=pixel_values.cuda(), labels=target.cuda()).loss
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
model.save_pretrained("trocr-invoices")
