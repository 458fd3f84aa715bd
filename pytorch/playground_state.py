"""
The playground's parameter names and layouts ↔ torch's. The playground keys every weight by a stable name
('encoder/conv0/w', 'context/wx', 'predictors/w') in its own layout: conv kernels HWIO [k, k, Cin, Cout],
dense matrices [in, out]. A model lists its tensors as (name, tensor, layout) in `playground_tensors()`;
these functions convert both ways (exact inverses) for weights, gradients and optimizer moments.
"""

import numpy as np
import torch
import torch.nn as nn


def playground_shape(tensor, layout):
    s = tuple(tensor.shape)
    if layout == 'hwio':
        return s[2], s[3], s[1], s[0]
    return (s[1], s[0]) if layout == 'in_out' else s


def to_torch_layout(value, layout):
    value = torch.as_tensor(np.asarray(value, dtype=np.float32) if not torch.is_tensor(value) else value)
    if layout == 'hwio':
        return value.permute(3, 2, 0, 1)
    if layout == 'in_out':
        return value.t()
    return value


def to_playground_layout(tensor, layout):
    if layout == 'hwio':
        tensor = tensor.permute(2, 3, 1, 0)
    elif layout == 'in_out':
        tensor = tensor.t()
    return tensor.detach().to('cpu', torch.float32, copy=True).contiguous().numpy()  # a copy, never a view


@torch.no_grad()
def load_playground_state(model, tensors):
    """Copies weights keyed by the playground's names, in its layouts (np.ndarray or tensor), into the model.
    Every weight must be there with its shape; extra entries (optimizer state) are ignored."""
    for name, tensor, layout in model.playground_tensors():
        if name not in tensors:
            raise KeyError(f"no tensor '{name}': it was saved from a different model")
        value = to_torch_layout(tensors[name], layout)
        if tuple(value.shape) != tuple(tensor.shape):
            raise ValueError(f"'{name}' has shape {list(value.shape)} in torch's layout, "
                             f'the model expects {list(tensor.shape)}')
        tensor.copy_(value.to(tensor.dtype))


def playground_state(model):
    """The model's weights and running statistics by playground name, in its layouts, float32 numpy."""
    return {name: to_playground_layout(t, layout) for name, t, layout in model.playground_tensors()}


def playground_grads(model):
    """Gradients by playground name, in its layouts (zeros where a weight got none)."""
    return {name: to_playground_layout(t.grad if t.grad is not None else torch.zeros_like(t), layout)
            for name, t, layout in model.playground_tensors() if isinstance(t, nn.Parameter)}
