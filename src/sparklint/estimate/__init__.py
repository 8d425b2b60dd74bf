"""The compute estimate: CPU or GPU, general purpose or memory optimized, one node or a Spark cluster.

`signals.ComputeSignals` notes facts during the engine's walk; `model` weighs them with the numbers
in `weights.toml`; `estimate.estimate(result, data_size)` returns the answers and their reasons.
"""

from sparklint.estimate.estimate import DataSize, Estimate, Reason, estimate
from sparklint.estimate.signals import ComputeSignals

__all__ = ["ComputeSignals", "DataSize", "Estimate", "Reason", "estimate"]
