"""The compute estimate: CPU or GPU, general purpose or memory optimized, one node or a Spark cluster.

`signals.ComputeSignals` notes facts during the engine's walk; `model` weighs them with the numbers
in `weights.toml`; `answers.estimate(result, data_size)` returns the answers and their reasons.
Only the weighing is exported here: a cached file is estimated again without parsing it, so this
package must not pull in the observer (and with it LibCST); the engine's builder imports
`signals` itself.
"""

from sparklint.estimate.answers import DataSize, Estimate, Reason, estimate

__all__ = ["DataSize", "Estimate", "Reason", "estimate"]
