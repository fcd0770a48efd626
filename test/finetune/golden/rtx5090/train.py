"""LoRA training for qwen2.5-coder-7b (written by oac finetune plan; run on the training box)."""
import json
import sys

from datasets import Dataset
from trl import SFTConfig, SFTTrainer
from unsloth import FastLanguageModel

DATA = sys.argv[1] if len(sys.argv) > 1 else "$DATA/pairs.jsonl"
OUT = sys.argv[2] if len(sys.argv) > 2 else "adapter"

model, tokenizer = FastLanguageModel.from_pretrained(
    model_name="Qwen/Qwen2.5-Coder-7B-Instruct",
    max_seq_length=8192,
    load_in_4bit=True,
)
model = FastLanguageModel.get_peft_model(
    model,
    r=32,
    lora_alpha=64,
    target_modules=["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"],
    use_gradient_checkpointing="unsloth",
)

# Each pair rendered with the model's own chat template, tools included. Rows are read with json, not
# datasets.load_dataset: Arrow would merge the tool calls' argument objects into one struct and hand the
# template null fields.
with open(DATA, encoding="utf-8") as rows:
    pairs = [json.loads(line) for line in rows if line.strip()]
texts = [tokenizer.apply_chat_template(p["messages"], tools=p.get("tools"), tokenize=False) for p in pairs]

trainer = SFTTrainer(
    model=model,
    processing_class=tokenizer,
    train_dataset=Dataset.from_dict({"text": texts}),
    args=SFTConfig(
        dataset_text_field="text",
        max_length=8192,
        per_device_train_batch_size=1,
        gradient_accumulation_steps=8,
        num_train_epochs=2,
        learning_rate=2e-4,
        optim="adamw_8bit",
        logging_steps=10,
        output_dir="checkpoints",
    ),
)
trainer.train()
model.save_pretrained(OUT)
tokenizer.save_pretrained(OUT)
