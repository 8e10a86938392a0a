"""The chunked loss must equal transformers' standard causal-LM loss, value and gradients."""

import pytest
import torch
import torch.nn.functional as F

from model.loss import causal_lm_loss, chunked_cross_entropy


def _reference(hidden, weight, labels, **kwargs):
    logits = hidden.reshape(-1, hidden.shape[-1]) @ weight.T
    return F.cross_entropy(logits.float(), labels.reshape(-1), ignore_index=-100, **kwargs)


def _case(seed=0, vocab=101, width=24):
    gen = torch.Generator().manual_seed(seed)
    hidden = torch.randn(3, 11, width, generator=gen, requires_grad=True)
    weight = torch.randn(vocab, width, generator=gen, requires_grad=True)
    labels = torch.randint(0, vocab, (3, 11), generator=gen)
    labels[0, :4] = -100  # a masked prompt
    labels[2, -3:] = -100  # padding
    return hidden, weight, labels


@pytest.mark.parametrize("chunk_size", [1, 5, 4096])
def test_matches_full_logits_loss_and_gradients(chunk_size):
    hidden, weight, labels = _case()
    expected = _reference(hidden, weight, labels)
    expected_grads = torch.autograd.grad(expected, (hidden, weight))

    loss = chunked_cross_entropy(hidden, weight, labels, chunk_size=chunk_size)
    grads = torch.autograd.grad(loss, (hidden, weight))

    torch.testing.assert_close(loss, expected, rtol=1e-5, atol=1e-6)
    for got, want in zip(grads, expected_grads):
        torch.testing.assert_close(got, want, rtol=1e-4, atol=1e-6)
    # masked positions get no gradient at all
    assert hidden.grad is None and grads[0][0, :4].abs().max() == 0


def test_num_items_in_batch_divides_the_sum():
    hidden, weight, labels = _case(seed=1)
    expected = _reference(hidden, weight, labels, reduction="sum") / 50
    loss = chunked_cross_entropy(hidden, weight, labels, chunk_size=7, num_items_in_batch=torch.tensor(50))
    torch.testing.assert_close(loss, expected)
    (loss * 3).backward()  # a non-unit upstream gradient is applied to the stored gradients
    expected_grad = torch.autograd.grad(expected * 3, hidden)[0]
    torch.testing.assert_close(hidden.grad, expected_grad, rtol=1e-4, atol=1e-6)


def test_all_masked_batch_is_zero_with_zero_gradients():
    hidden, weight, labels = _case(seed=2)
    loss = chunked_cross_entropy(hidden, weight, torch.full_like(labels, -100))
    loss.backward()
    assert loss.item() == 0.0
    assert hidden.grad is not None and hidden.grad.abs().max() == 0


def test_frozen_head_gets_no_gradient_work():
    hidden, weight, labels = _case(seed=3)
    weight.requires_grad_(False)
    loss = chunked_cross_entropy(hidden, weight, labels, chunk_size=4)
    loss.backward()
    assert weight.grad is None
    torch.testing.assert_close(hidden.grad, torch.autograd.grad(_reference(hidden, weight, labels), hidden)[0])


def _tiny_lora_llama():
    from peft import LoraConfig, get_peft_model
    from transformers import LlamaConfig, LlamaForCausalLM

    torch.manual_seed(0)
    config = LlamaConfig(
        vocab_size=97,
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        tie_word_embeddings=False,
    )
    model = LlamaForCausalLM(config)
    lora = LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj", "down_proj"], task_type="CAUSAL_LM")
    model = get_peft_model(model, lora)
    for name, param in model.named_parameters():
        if "lora_B" in name:  # B starts at zero; make the adapters matter for the comparison
            torch.nn.init.normal_(param, std=0.1)
    return model


def test_causal_lm_loss_equals_model_loss_through_peft():
    model = _tiny_lora_llama()
    input_ids = torch.randint(0, 97, (2, 9), generator=torch.Generator().manual_seed(4))
    attention_mask = torch.ones_like(input_ids)
    attention_mask[1, -2:] = 0  # right padding on the second row
    labels = input_ids.masked_fill(attention_mask == 0, -100)
    labels[:, :3] = -100  # prompt tokens carry no loss
    batch = {"input_ids": input_ids, "attention_mask": attention_mask, "labels": labels}
    trainable = [p for p in model.parameters() if p.requires_grad]

    expected = model(**batch).loss
    expected_grads = torch.autograd.grad(expected, trainable)
    loss = causal_lm_loss(model, batch, chunk_size=4)
    grads = torch.autograd.grad(loss, trainable)

    torch.testing.assert_close(loss, expected, rtol=1e-5, atol=1e-6)
    for got, want in zip(grads, expected_grads):
        torch.testing.assert_close(got, want, rtol=1e-4, atol=1e-6)


def test_rejects_an_adapted_lm_head():
    from peft import LoraConfig, get_peft_model
    from transformers import LlamaConfig, LlamaForCausalLM

    config = LlamaConfig(
        vocab_size=50, hidden_size=16, intermediate_size=32, num_hidden_layers=1,
        num_attention_heads=2, num_key_value_heads=1,
    )
    model = get_peft_model(LlamaForCausalLM(config), LoraConfig(r=2, target_modules=["lm_head"]))
    batch = {"input_ids": torch.zeros(1, 4, dtype=torch.long), "labels": torch.zeros(1, 4, dtype=torch.long)}
    with pytest.raises(ValueError, match="LM head"):
        causal_lm_loss(model, batch)
