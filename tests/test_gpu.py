"""The QLoRA building blocks (model.kbit + model.loss) on a tiny random Llama.

The `gpu` tests run a real 4-bit training step on CUDA and are skipped where there is none (CI);
the first test runs the same preparation on CPU (bitsandbytes >= 0.49 quantizes on CPU too).
"""

import pytest
import torch

from model.kbit import load_for_training, prepare_for_qlora
from model.loss import causal_lm_loss

needs_cuda = pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
TARGETS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


@pytest.fixture(scope="module")
def tiny_llama_dir(tmp_path_factory):
    from transformers import LlamaConfig, LlamaForCausalLM

    torch.manual_seed(0)
    config = LlamaConfig(
        vocab_size=256,
        hidden_size=64,  # bitsandbytes' 4-bit blocks want dims that are multiples of 64
        intermediate_size=128,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        tie_word_embeddings=False,
    )
    path = tmp_path_factory.mktemp("tiny-llama")
    LlamaForCausalLM(config).to(torch.bfloat16).save_pretrained(path)
    return path


def _qlora(path, device_map):
    from peft import LoraConfig, get_peft_model

    model = load_for_training(str(path), quantize=True, dtype=torch.bfloat16, device_map=device_map)
    model = prepare_for_qlora(model, gradient_checkpointing=True)
    lora = LoraConfig(r=8, lora_alpha=16, target_modules=TARGETS, bias="none", task_type="CAUSAL_LM")
    return get_peft_model(model, lora)


def _batch(device, vocab=256):
    input_ids = torch.randint(0, vocab, (2, 16), generator=torch.Generator().manual_seed(1)).to(device)
    labels = input_ids.clone()
    labels[:, :5] = -100  # prompt
    return {"input_ids": input_ids, "attention_mask": torch.ones_like(input_ids), "labels": labels}


def test_prepare_for_qlora_keeps_bf16_and_trains_only_lora_on_cpu(tiny_llama_dir):
    import bitsandbytes as bnb

    model = _qlora(tiny_llama_dir, device_map="cpu")
    base = model.get_base_model()

    assert isinstance(base.model.layers[0].self_attn.q_proj.base_layer, bnb.nn.Linear4bit)
    # peft's prepare_model_for_kbit_training would have made these fp32
    assert base.get_input_embeddings().weight.dtype == torch.bfloat16
    assert base.lm_head.weight.dtype == torch.bfloat16
    assert base.model.norm.weight.dtype == torch.bfloat16
    trainable = {n for n, p in model.named_parameters() if p.requires_grad}
    assert trainable and all("lora_" in n for n in trainable)
    assert len(trainable) == 2 * len(TARGETS) * 2  # A and B, every target, both layers
    assert all(layer.gradient_checkpointing for layer in base.model.layers)

    model.train()
    loss = causal_lm_loss(model, _batch("cpu"))
    loss.backward()
    assert torch.isfinite(loss)
    lora_b = base.model.layers[0].mlp.down_proj.lora_B["default"].weight
    assert lora_b.grad is not None and lora_b.grad.abs().sum() > 0  # gradients reach the first layer
    assert base.lm_head.weight.grad is None


@pytest.mark.gpu
@needs_cuda
def test_qlora_step_on_cuda_changes_lora_weights(tiny_llama_dir):
    model = _qlora(tiny_llama_dir, device_map={"": 0})
    model.train()
    batch = _batch("cuda")
    trainable = [p for p in model.parameters() if p.requires_grad]
    before = [p.detach().clone() for p in trainable]
    optimizer = torch.optim.AdamW(trainable, lr=1e-2)

    with torch.autocast("cuda", dtype=torch.bfloat16):
        loss = causal_lm_loss(model, batch, chunk_size=8)
        reference = model(**batch).loss
    loss.backward()
    optimizer.step()

    assert torch.isfinite(loss)
    torch.testing.assert_close(loss, reference.float(), rtol=2e-2, atol=2e-2)
    changed = sum(not torch.equal(b, p.detach()) for b, p in zip(before, trainable))
    assert changed == len(trainable)


@pytest.mark.gpu
@needs_cuda
def test_chunked_loss_matches_full_logits_on_cuda_bf16():
    from model.loss import chunked_cross_entropy

    gen = torch.Generator(device="cuda").manual_seed(0)
    hidden = torch.randn(700, 256, device="cuda", dtype=torch.bfloat16, generator=gen, requires_grad=True)
    weight = torch.randn(5000, 256, device="cuda", dtype=torch.bfloat16, generator=gen) * 0.05
    labels = torch.randint(0, 5000, (700,), device="cuda", generator=gen)
    labels[:100] = -100

    expected = torch.nn.functional.cross_entropy((hidden @ weight.T).float(), labels, ignore_index=-100)
    expected_grad = torch.autograd.grad(expected, hidden)[0]
    loss = chunked_cross_entropy(hidden, weight, labels, chunk_size=128)
    grad = torch.autograd.grad(loss, hidden)[0]

    torch.testing.assert_close(loss, expected, rtol=1e-4, atol=1e-4)
    torch.testing.assert_close(grad.float(), expected_grad.float(), rtol=2e-2, atol=1e-5)


@pytest.mark.gpu
@needs_cuda
def test_compiled_layers_train_like_eager_on_cuda(tiny_llama_dir):
    from peft import LoraConfig, get_peft_model

    def loss_and_grad_norm(compile_layers):
        torch.manual_seed(0)  # same LoRA A init in both models
        model = load_for_training(str(tiny_llama_dir), quantize=True, dtype=torch.bfloat16, device_map={"": 0})
        model = prepare_for_qlora(model, gradient_checkpointing=True, compile_layers=compile_layers)
        lora = LoraConfig(r=8, lora_alpha=16, target_modules=TARGETS, init_lora_weights="gaussian")
        model = get_peft_model(model, lora)
        model.train()
        with torch.autocast("cuda", dtype=torch.bfloat16):
            loss = causal_lm_loss(model, _batch("cuda"))
        loss.backward()
        grads = [p.grad.float().norm() for p in model.parameters() if p.requires_grad]
        return loss.detach().float(), torch.stack(grads).norm()

    eager_loss, eager_grad = loss_and_grad_norm(False)
    compiled_loss, compiled_grad = loss_and_grad_norm(True)
    torch.testing.assert_close(compiled_loss, eager_loss, rtol=1e-2, atol=1e-2)
    torch.testing.assert_close(compiled_grad, eager_grad, rtol=5e-2, atol=1e-4)
    assert compiled_grad > 0
