"""LoRA / QLoRA supervised fine-tuning of the caption model with trl's SFTTrainer, and the DPO stage
after it with trl's DPOTrainer.

Reads top-down: config → load base (4-bit NF4 on CUDA or when asked; plain weights otherwise) →
wrap with the seed's LoRA → train on prompt/completion records (loss on the assistant turn only) →
validation loss → save the adapter with its metadata.

DPO (`train_dpo`): the SFT adapter is loaded trainable; trl copies it as the frozen reference (its
"ref" adapter), so the stage moves the SFT model, not the bare base, toward the editors' choices. The
held-out pairs' log-prob margin (chosen minus rejected, summed over the caption's tokens) is measured
before and after.

Reproduce the shipped adapter (data/adapters/smollm2-seed: three epochs over the seed set's training
split, each caption cut to its hook and fact line for house sign-offs, 183 steps of 32; about 2 minutes on
an H200, hours on a 2-core CPU; bench/README.md has the run):

    HF_HUB_OFFLINE=1 .venv/bin/python -m model.train --base embedded --output data/adapters/smollm2-seed \
        --quantize none --rank 16 --learning-rate 1e-3 --epochs 3 --batch-size 32 --bf16-weights --heads-only
"""

from __future__ import annotations

import math
import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from model.dataset import Dataset, as_records

SEED_TARGETS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


@dataclass
class TrainConfig:
    base: str  # a loadable path or hub id (see model.base.resolve_base)
    output_dir: Path
    base_name: str = ""  # the setting that named the base ("embedded", a hub id), for the record
    rank: int = 16
    alpha: int = 32
    dropout: float = 0.05
    target_modules: list[str] = field(default_factory=lambda: list(SEED_TARGETS))
    epochs: float = 3
    learning_rate: float = 2e-4
    max_steps: int = -1
    batch_size: int = 8
    max_seq_length: int = 512
    quantize: str = "auto"  # auto: 4-bit on CUDA | "4bit" | "none"
    compile: bool = False  # torch.compile each decoder layer on CUDA (model.kbit.prepare_for_qlora)
    seed: int = 42
    init_adapter: str = ""  # continue training this adapter (its rank and targets) instead of a fresh LoRA


@dataclass
class TrainResult:
    adapter_dir: Path
    train_loss_first: float
    train_loss_last: float
    val_loss: float | None
    steps: int
    seconds: float
    quantized: bool

    def as_dict(self) -> dict:
        d = asdict(self)
        d["adapter_dir"] = str(self.adapter_dir)
        return d


@dataclass
class DPOStageConfig:
    beta: float = 0.1
    learning_rate: float = 5e-5
    epochs: float = 1
    max_steps: int = -1
    batch_size: int = 4


@dataclass
class DPOResult:
    pairs: int
    steps: int
    loss_first: float
    loss_last: float
    margin_before: float | None  # held-out mean of log p(chosen) - log p(rejected)
    margin_after: float | None
    seconds: float

    def as_dict(self) -> dict:
        return asdict(self)


def _load_base(config: TrainConfig):
    """(model, tokenizer, quantized, on_gpu, bf16): the base as training loads it, seeded."""
    import torch
    from transformers import AutoTokenizer, set_seed

    from model.gpu import compute_dtype
    from model.kbit import load_for_training

    set_seed(config.seed)
    on_gpu = torch.cuda.is_available()
    quantize = config.quantize == "4bit" or (config.quantize == "auto" and on_gpu)
    bf16 = on_gpu and compute_dtype() == torch.bfloat16
    tokenizer = AutoTokenizer.from_pretrained(config.base)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    model = load_for_training(config.base, quantize=quantize,
                              dtype=compute_dtype() if on_gpu else torch.float32)
    return model, tokenizer, quantize, on_gpu, bf16


def _trainer_args(config: TrainConfig, scratch: str, batch_size: int, on_gpu: bool, bf16: bool) -> dict:
    """What the SFT and DPO stages' trainers share: no checkpoints, no reports, no bars, our seed."""
    return {
        "output_dir": str(config.output_dir.parent / f".{config.output_dir.name}{scratch}"),
        "per_device_train_batch_size": batch_size,
        "per_device_eval_batch_size": batch_size,
        "lr_scheduler_type": "cosine",
        "logging_steps": 1,
        "save_strategy": "no",
        "eval_strategy": "no",
        "report_to": [],
        "seed": config.seed,
        "data_seed": config.seed,
        "bf16": bf16,
        "max_length": config.max_seq_length,
        # prepare_for_qlora sets checkpointing up where it is wanted; the trainer's would replace it
        "activation_checkpointing": False,
        "disable_tqdm": True,
        "dataloader_num_workers": 0,
        "use_cpu": not on_gpu,
    }


def build_trainer(config: TrainConfig, dataset: Dataset, show_progress: bool = False):
    """The model (quantized or not, wrapped with LoRA) and its SFTTrainer, ready to `train()`."""
    from datasets import Dataset as HFDataset
    from peft import LoraConfig, get_peft_model
    from transformers import PrinterCallback
    from trl import SFTConfig, SFTTrainer

    from model.kbit import prepare_for_qlora

    model, tokenizer, quantize, on_gpu, bf16 = _load_base(config)
    if quantize or on_gpu:
        # Our lean preparation: frozen base kept in bf16, checkpointing with per-layer compilation
        # on the GPU. bench/train_8b_shape.py measured it on the 8B shape with model/loss.py's
        # chunked loss (6.9 GiB reserved, 1.6x the tokens/s of peft's prepare_model_for_kbit_training
        # + full logits). Here the loss is trl's own fused LM head, the same idea: projected in tiles,
        # labelled positions only, never the full [batch, seq, vocab] logits.
        model = prepare_for_qlora(model, gradient_checkpointing=on_gpu, compile_layers=on_gpu and config.compile)
    if config.init_adapter:
        from model.adapters import load_adapter

        model = load_adapter(model, Path(config.init_adapter), trainable=True)
    else:
        lora = LoraConfig(
            r=config.rank,
            lora_alpha=config.alpha,
            lora_dropout=config.dropout,
            target_modules=config.target_modules,
            bias="none",
            task_type="CAUSAL_LM",
        )
        model = get_peft_model(model, lora)
    args = SFTConfig(
        **_trainer_args(config, ".trainer", config.batch_size, on_gpu, bf16),
        num_train_epochs=config.epochs,
        max_steps=config.max_steps,
        learning_rate=config.learning_rate,
        warmup_steps=0.05,
        completion_only_loss=True,  # loss on the caption (assistant turn) only
    )
    trainer = SFTTrainer(
        model=model,
        args=args,
        train_dataset=HFDataset.from_list(as_records(dataset.train)),
        eval_dataset=HFDataset.from_list(as_records(dataset.validation)) if dataset.validation else None,
        processing_class=tokenizer,
        callbacks=[_ProgressCallback()] if show_progress else None,
    )
    trainer.remove_callback(PrinterCallback)  # it prints raw log dicts to stdout (breaks --json)
    return trainer


def train(config: TrainConfig, dataset: Dataset, show_progress: bool = True) -> TrainResult:
    from model.adapters import save_adapter

    trainer = build_trainer(config, dataset, show_progress)
    quantize = bool(getattr(trainer.model, "is_loaded_in_4bit", False))
    started = time.monotonic()
    trainer.train()
    losses = [log["loss"] for log in trainer.state.log_history if "loss" in log]
    val_loss = trainer.evaluate()["eval_loss"] if dataset.validation else None
    seconds = time.monotonic() - started
    shutil.rmtree(trainer.args.output_dir, ignore_errors=True)  # nothing kept there: save_strategy="no"

    save_adapter(
        trainer.model,
        trainer.processing_class,
        config.output_dir,
        {
            "base_model": config.base_name or config.base,
            "train_config": {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(config).items()},
            "dataset_hash": dataset.digest,
            "dataset_size": len(dataset.train),
            "val_loss": val_loss,
            "quantized": quantize,
        },
    )
    return TrainResult(
        adapter_dir=config.output_dir,
        train_loss_first=losses[0] if losses else math.nan,
        train_loss_last=losses[-1] if losses else math.nan,
        val_loss=val_loss,
        steps=trainer.state.global_step,
        seconds=seconds,
        quantized=quantize,
    )


def train_dpo(config: TrainConfig, stage: DPOStageConfig, train_pairs: list, eval_pairs: list,
              show_progress: bool = True) -> DPOResult:
    """DPO on preference pairs (model.preferences.PreferencePair), continuing the adapter in
    `config.output_dir` (the SFT stage's) and saving it back there with the stage's record."""
    from datasets import Dataset as HFDataset
    from transformers import PrinterCallback
    from trl import DPOConfig, DPOTrainer

    from model.adapters import load_adapter, read_metadata, save_adapter
    from model.kbit import prepare_for_qlora
    from model.preferences import as_records

    model, tokenizer, quantize, on_gpu, bf16 = _load_base(config)
    if quantize:
        model = prepare_for_qlora(model, gradient_checkpointing=False)
    model = load_adapter(model, config.output_dir, trainable=True)
    args = DPOConfig(
        **_trainer_args(config, ".dpo", stage.batch_size, on_gpu, bf16),
        beta=stage.beta,
        learning_rate=stage.learning_rate,
        num_train_epochs=stage.epochs,
        max_steps=stage.max_steps,
        precompute_ref_log_probs=True,  # the reference (the SFT adapter) runs once, not every step
    )
    held_out = HFDataset.from_list(as_records(eval_pairs)) if eval_pairs else None
    trainer = DPOTrainer(
        model=model,  # a PeftModel and no ref_model: trl keeps a frozen copy of this adapter as "ref"
        ref_model=None,
        args=args,
        train_dataset=HFDataset.from_list(as_records(train_pairs)),
        eval_dataset=held_out,
        processing_class=tokenizer,
        callbacks=[_ProgressCallback()] if show_progress else None,
    )
    trainer.remove_callback(PrinterCallback)
    started = time.monotonic()
    margin_before = _margin(trainer) if held_out is not None else None
    trainer.train()
    margin_after = _margin(trainer) if held_out is not None else None
    seconds = time.monotonic() - started
    shutil.rmtree(args.output_dir, ignore_errors=True)
    losses = [log["loss"] for log in trainer.state.log_history if "loss" in log]
    result = DPOResult(pairs=len(train_pairs), steps=trainer.state.global_step,
                       loss_first=losses[0] if losses else math.nan, loss_last=losses[-1] if losses else math.nan,
                       margin_before=margin_before, margin_after=margin_after, seconds=round(seconds, 1))
    trainer.model.delete_adapter("ref")  # the reference copy is not part of the result
    metadata = read_metadata(config.output_dir)
    metadata.pop("lora", None)
    metadata.pop("versions", None)
    save_adapter(trainer.model, tokenizer, config.output_dir,
                 metadata | {"dpo": {**asdict(stage), **result.as_dict()}})
    return result


def _margin(trainer) -> float:
    """Held-out mean log-prob margin of chosen over rejected captions under the trained policy."""
    metrics = trainer.evaluate()
    return round(metrics["eval_logps/chosen"] - metrics["eval_logps/rejected"], 4)


class _ProgressCallback:
    """A rich progress bar over optimizer steps, showing the latest loss."""

    def __new__(cls):
        from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
        from transformers import TrainerCallback

        class Callback(TrainerCallback):
            def on_train_begin(self, args, state, control, **kwargs):
                self.progress = Progress(
                    TextColumn("training"), BarColumn(), TextColumn("{task.completed}/{task.total} steps"),
                    TextColumn("loss {task.fields[loss]}"), TimeRemainingColumn(), transient=True,
                )
                self.task = self.progress.add_task("train", total=state.max_steps, loss="-")
                self.progress.start()

            def on_log(self, args, state, control, logs=None, **kwargs):
                if logs and "loss" in logs:
                    self.progress.update(self.task, loss=f"{logs['loss']:.3f}")

            def on_step_end(self, args, state, control, **kwargs):
                self.progress.update(self.task, completed=state.global_step)

            def on_train_end(self, args, state, control, **kwargs):
                self.progress.stop()

        return Callback()


def main() -> None:
    """Train an adapter on the seed set (plus nothing else): the command in this module's docstring."""
    import argparse
    import json

    from model.base import resolve_base
    from model.dataset import build_dataset

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="embedded")
    parser.add_argument("--home", type=Path, default=Path(".home"))
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--epochs", type=float, default=3)
    parser.add_argument("--max-steps", type=int, default=-1)
    parser.add_argument("--learning-rate", type=float, default=2e-4)
    parser.add_argument("--rank", type=int, default=16)
    parser.add_argument("--batch-size", type=int, default=TrainConfig.batch_size)
    parser.add_argument("--quantize", default="auto", choices=["auto", "4bit", "none"])
    parser.add_argument("--init-adapter", type=Path, help="Continue training this adapter instead of a fresh LoRA.")
    parser.add_argument("--heads-only", action="store_true",
                        help="Train on each caption's hook and fact line only (for house sign-offs).")
    parser.add_argument("--bf16-weights", action="store_true",
                        help="Store the adapter's weights in bf16 (half the size; for shipping in the repo).")
    a = parser.parse_args()
    config = TrainConfig(
        base=resolve_base(a.base, a.home), base_name=a.base, output_dir=a.output, epochs=a.epochs, max_steps=a.max_steps,
        learning_rate=a.learning_rate, rank=a.rank, alpha=2 * a.rank, batch_size=a.batch_size, quantize=a.quantize,
        init_adapter=str(a.init_adapter or ""),
    )
    result = train(config, build_dataset([], heads_only=a.heads_only))
    if a.bf16_weights:
        import torch
        from safetensors.torch import load_file, save_file

        weights = a.output / "adapter_model.safetensors"
        save_file({k: v.to(torch.bfloat16) for k, v in load_file(weights).items()}, weights)
    print(json.dumps(result.as_dict(), indent=2))


if __name__ == "__main__":
    main()
