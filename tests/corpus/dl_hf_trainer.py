"""Fine-tune a sentiment model with the Hugging Face Trainer."""
from datasets import load_dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

tokenizer = AutoTokenizer.from_pretrained("distilbert-base-uncased")
dataset = load_dataset("csv", data_files={"train": "data/reviews.csv"})
model = AutoModelForSequenceClassification.from_pretrained("distilbert-base-uncased", num_labels=2)
args = TrainingArguments(output_dir="out", num_train_epochs=2, per_device_train_batch_size=32)
trainer = Trainer(model=model, args=args, train_dataset=dataset["train"])  # expect: SPL903
trainer.train()
