"""sparklint: find the lines of a training script that would stay on the Spark driver."""

__version__ = "0.1.0"
